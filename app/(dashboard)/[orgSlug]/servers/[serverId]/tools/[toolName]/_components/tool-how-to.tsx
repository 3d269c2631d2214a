import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";

/** Short answers with the exact policy fragment for each, so nobody has to read the whole spec. */
export function ToolHowTo({ toolName }: { toolName: string }) {
  const fragment = (rule: unknown) => JSON.stringify({ tools: { [toolName]: rule } }, null, 2);
  const answers = [
    {
      question: "How do I block this tool?",
      answer: 'Set its action to "deny": calls get a denial the model can read. To make it invisible instead, add it to "hide".',
      code: fragment({ action: "deny", reason: "Not allowed for this agent." }),
    },
    {
      question: "How do I rate-limit it?",
      answer: "Add a limit: at most max calls per window, counted per grant (or per server, org or session).",
      code: fragment({ limits: [{ counter: `${toolName}:minute`, window: "minute", max: 10, scope: "grant" }] }),
    },
    {
      question: "How do I require approval?",
      answer: "Set its action to require_approval: each call waits for a policy manager in the approvals inbox, up to the timeout.",
      code: fragment({ action: "require_approval", approval: { timeout: "30m" } }),
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Common questions</CardTitle>
      </CardHeader>
      <CardBody className="space-y-5">
        {answers.map((item) => (
          <section key={item.question} className="space-y-2">
            <h3 className="text-sm font-semibold text-zinc-900">{item.question}</h3>
            <p className="text-sm text-zinc-700">{item.answer}</p>
            <CodeBlock code={item.code} language="json" />
          </section>
        ))}
      </CardBody>
    </Card>
  );
}
