import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { buttonClassName } from "@/components/ui/button";
import { FeatureGrid } from "./feature-grid";
import { HowItWorks } from "./how-it-works";
import { PolicyExample } from "./policy-example";

export type LandingProps = {
  isSignedIn: boolean;
  /** Where "Open dashboard" leads for a signed-in visitor. */
  dashboardHref?: string;
};

function CallsToAction({ isSignedIn, dashboardHref }: Required<LandingProps>) {
  if (isSignedIn) {
    return (
      <Link href={dashboardHref} className={buttonClassName("primary", "lg")}>
        Open dashboard
      </Link>
    );
  }
  return (
    <>
      <Link href="/sign-up" className={buttonClassName("primary", "lg")}>
        Create an account
      </Link>
      <Link href="/sign-in" className={buttonClassName("secondary", "lg")}>
        Sign in
      </Link>
    </>
  );
}

export function Landing({ isSignedIn, dashboardHref = "/orgs" }: LandingProps) {
  const cta = <CallsToAction isSignedIn={isSignedIn} dashboardHref={dashboardHref} />;
  return (
    <div className="min-h-dvh bg-zinc-50">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="focus-ring rounded-md" aria-label="Toolgate home">
            <Logo />
          </Link>
          <nav aria-label="Account" className="flex items-center gap-2">
            {isSignedIn ? (
              <Link href={dashboardHref} className={buttonClassName("primary", "sm")}>
                Open dashboard
              </Link>
            ) : (
              <>
                <Link href="/sign-in" className={buttonClassName("ghost", "sm")}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonClassName("primary", "sm")}>
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </div>
      </header>

      <main>
        <section className="mx-auto max-w-4xl px-4 pt-16 pb-12 text-center sm:px-6 sm:pt-24">
          <p className="text-sm font-semibold text-accent-700">For teams running AI agents on MCP servers</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance text-zinc-900 sm:text-5xl">
            Stop an agent from calling a destructive tool a thousand times
          </h1>
          <p className="mx-auto mt-5 max-w-2xl text-lg leading-8 text-pretty text-zinc-600">
            Toolgate is a proxy in front of your MCP servers. Give each agent its own grant, decide which tools it may call, how often and with which arguments,
            and keep a record of every call. Nothing changes in your server.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">{cta}</div>
        </section>

        <section aria-labelledby="how" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
          <h2 id="how" className="mb-8 text-center text-2xl font-semibold tracking-tight text-zinc-900">
            How it works
          </h2>
          <HowItWorks />
        </section>

        <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
          <h2 id="features" className="mb-8 text-center text-2xl font-semibold tracking-tight text-zinc-900">
            Every call checked before it runs
          </h2>
          <FeatureGrid />
        </section>

        <section aria-labelledby="policy" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
          <PolicyExample />
        </section>

        <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <div className="rounded-xl bg-accent-900 px-6 py-10 text-center">
            <h2 className="text-2xl font-semibold tracking-tight text-white">Put your first server behind Toolgate</h2>
            <p className="mx-auto mt-3 max-w-xl text-accent-100">Add a server, mint a grant for your agent, point the client at the proxy URL.</p>
            <div className="mt-6 flex flex-wrap justify-center gap-3">{cta}</div>
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500">
        Toolgate: grants, policies and an audit log for AI agents&apos; tool calls.
      </footer>
    </div>
  );
}
