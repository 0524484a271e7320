import { describe, expect, it } from "vitest";
import { seedPaths } from "../test/fixtures";
import { pathSteps, reasonPhrase, relationName, stepSentence } from "./wording";

const iom = { id: "org:iom", kind: "ORGANISATION" as const, label: "IOM" };

describe("reasonPhrase", () => {
  it("says what the works share", () => {
    expect(reasonPhrase({ type: "STUDIES", direction: "OUT", via: iom })).toEqual({ text: "Also studies", via: iom });
    expect(reasonPhrase({ type: "AUTHORED", direction: "IN", via: iom }).text).toBe("Also by");
    expect(reasonPhrase({ type: "NEW_TYPE", direction: "OUT", via: iom }).text).toBe("Shares NEW_TYPE with");
  });

  it("says which way a citation goes", () => {
    expect(reasonPhrase({ type: "CITES", direction: "OUT", via: null }).text).toBe("Cited by this work");
    expect(reasonPhrase({ type: "CITES", direction: "IN", via: null }).text).toBe("Cites this work");
  });
});

describe("pathSteps", () => {
  it("labels each step with its relationship and direction", () => {
    const steps = pathSteps(seedPaths.paths[0]!);
    expect(steps.map((s) => [s.from.id, s.relation, s.forward, s.to.id])).toEqual([
      ["work:borderwork", "STUDIES", true, "org:iom"],
      ["org:iom", "STUDIES", false, "work:d1509"],
    ]);
    expect(stepSentence(steps[1]!)).toBe(
      "The International Organization for Migration and the international government of borders studies International Organization for Migration",
    );
  });
});

describe("relationName", () => {
  it("reads types as words", () => {
    expect(relationName("CASE_COUNTRY")).toBe("case country");
  });
});
