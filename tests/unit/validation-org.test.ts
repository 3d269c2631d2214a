import { describe, expect, it } from "vitest";
import { createOrgSchema, slugify } from "@/lib/validation/org";

describe("organisation input", () => {
  it("derives the slug when the field is left empty, and refuses reserved or malformed slugs", () => {
    expect(createOrgSchema.parse({ name: "Side Project", slug: "" })).toEqual({ name: "Side Project" });
    expect(createOrgSchema.safeParse({ name: "X Co", slug: "api" }).success).toBe(false);
    expect(createOrgSchema.safeParse({ name: "X Co", slug: "Bad Slug" }).success).toBe(false);
    expect(createOrgSchema.parse({ name: "X Co", slug: "x-co" }).slug).toBe("x-co");
  });

  it("slugifies names into addresses that never collide with static routes", () => {
    expect(slugify("Acme Robotics")).toBe("acme-robotics");
    expect(slugify("API")).toBe("org-api");
    expect(slugify("!")).toBe("org-team");
  });
});
