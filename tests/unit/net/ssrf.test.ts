import { describe, expect, it } from "vitest";
import { assertPublicUpstream } from "@/lib/net/ssrf";

/** The registration adapter; which address is refused is tested in address-class.test.ts. */
describe("assertPublicUpstream", () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses;
  const strict = (resolveHost = resolveTo("8.8.8.8")) => ({ isPrivateAllowed: false, resolveHost });

  it.each([
    "http://127.0.0.1:8080/mcp",
    "http://[::1]/mcp",
    "http://[::ffff:127.0.0.1]/mcp",
    "http://[::ffff:7f00:1]/mcp",
    "http://2130706433/mcp",
    "http://0x7f000001/mcp",
    "http://0177.0.0.1/mcp",
    "http://169.254.169.254/latest/meta-data",
    "http://[fd00:ec2::254]/",
    "http://localhost:3000/mcp",
    "http://LOCALHOST./mcp",
    "http://api.localhost/mcp",
    "http://metadata.google.internal/computeMetadata/v1/",
  ])("refuses %s without consulting DNS, with a field error on url", async (url) => {
    await expect(assertPublicUpstream(url, strict())).rejects.toMatchObject({
      code: "validation_failed",
      details: { fieldErrors: { url: [expect.stringContaining("TOOLGATE_ALLOW_PRIVATE_UPSTREAMS")] } },
    });
  });

  it("refuses a name when any of its addresses is not public, and names that do not resolve", async () => {
    await expect(assertPublicUpstream("https://mcp.example.com/mcp", strict(resolveTo("93.184.216.34", "10.0.0.5")))).rejects.toMatchObject({
      message: expect.stringContaining("resolves to 10.0.0.5 (private)"),
    });
    await expect(assertPublicUpstream("https://mcp.example.com/mcp", strict(resolveTo("::ffff:169.254.169.254")))).rejects.toMatchObject({
      message: expect.stringContaining("(metadata)"),
    });
    await expect(assertPublicUpstream("https://nowhere.example/mcp", strict(resolveTo()))).rejects.toMatchObject({
      message: "Could not resolve nowhere.example.",
    });
  });

  it("accepts public addresses, and anything when the operator allows private upstreams", async () => {
    await expect(assertPublicUpstream("https://mcp.example.com/mcp", strict(resolveTo("93.184.216.34", "2606:4700::1111")))).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://8.8.8.8/mcp", strict())).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://[2606:4700::1111]/mcp", strict())).resolves.toBeUndefined();
    for (const url of ["http://127.0.0.1/mcp", "http://localhost/mcp", "http://169.254.169.254/"]) {
      await expect(assertPublicUpstream(url, { isPrivateAllowed: true })).resolves.toBeUndefined();
    }
  });

  it("refuses text that is not a URL", async () => {
    await expect(assertPublicUpstream("not a url", strict())).rejects.toMatchObject({ code: "validation_failed" });
  });
});
