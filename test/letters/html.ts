import { HtmlValidate } from "html-validate";

// long-title is a search-engine rule: a letter's <title> is its subject line, which names the practice.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "long-title": "off" },
});

/** The html-validate messages for a document (recommended rules but long-title): empty when it is valid. */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
  );
}
