/**
 * The default ruleset as a GoRules zen-engine decision table (JDM), for the bench: one row per
 * way a rule can fire (its conditions in disjunctive normal form), hit policy `collect`, one
 * input column per fact, the rule id as output. zen-engine is the peer a user might pick
 * instead of json-rules-engine; this runs the same decision through it.
 */
import { ZenEngine } from "@gorules/zen-engine";
import type { Condition } from "../src/rules/schema.js";

interface Rule {
  id: string;
  conditions: Condition;
}

type Cell = { fact: string; expression: string };

function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`no zen literal for ${JSON.stringify(value)}`);
}

/** A json-rules-engine comparison as a zen unary test on its column. */
function unary(operator: string, value: unknown): string {
  switch (operator) {
    case "equal":
      return literal(value);
    case "in":
      if (!Array.isArray(value)) throw new Error("in needs an array");
      return value.map(literal).join(", ");
    case "lessThan":
      return `< ${literal(value)}`;
    case "lessThanInclusive":
      return `<= ${literal(value)}`;
    case "greaterThan":
      return `> ${literal(value)}`;
    case "greaterThanInclusive":
      return `>= ${literal(value)}`;
    case "contains":
      // json-rules-engine: false on a fact that is not an array
      return `type($) == "array" and contains($, ${literal(value)})`;
    default:
      throw new Error(`the zen bench does not translate operator ${operator}`);
  }
}

/** Disjunctive normal form: each inner array is one conjunction of cells (one table row). */
function dnf(condition: Condition): Cell[][] {
  if ("all" in condition) {
    let rows: Cell[][] = [[]];
    for (const child of condition.all) {
      const options = dnf(child);
      rows = rows.flatMap((row) => options.map((option) => [...row, ...option]));
    }
    return rows;
  }
  if ("any" in condition) return condition.any.flatMap(dnf);
  if ("not" in condition) throw new Error("the zen bench does not translate not");
  return [[{ fact: condition.fact, expression: unary(condition.operator, condition.value) }]];
}

/** The JDM graph: input → decision table → output. */
export function decisionTable(rules: readonly Rule[]): object {
  const rows = rules.flatMap((rule) =>
    dnf(rule.conditions).map((cells) => ({ id: rule.id, cells })),
  );
  const facts = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.fact)))];
  const column = (fact: string) => `in-${fact}`;
  return {
    nodes: [
      { id: "input", type: "inputNode", name: "facts", position: { x: 0, y: 0 } },
      {
        id: "table",
        type: "decisionTableNode",
        name: "rules",
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: "collect",
          inputs: facts.map((fact) => ({ id: column(fact), name: fact, field: fact })),
          outputs: [{ id: "out-rule", name: "rule", field: "rule" }],
          rules: rows.map((row, i) => {
            const cells: Record<string, string> = { _id: `row-${i}`, "out-rule": literal(row.id) };
            for (const fact of facts) cells[column(fact)] = "";
            for (const cell of row.cells) {
              const previous = cells[column(cell.fact)];
              // two tests on one fact in one row: zen unary tests join with "and"
              cells[column(cell.fact)] = previous
                ? `${previous} and ${cell.expression}`
                : cell.expression;
            }
            return cells;
          }),
        },
      },
      { id: "output", type: "outputNode", name: "fired", position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: "e1", sourceId: "input", targetId: "table", type: "edge" },
      { id: "e2", sourceId: "table", targetId: "output", type: "edge" },
    ],
  };
}

/**
 * A zen-engine evaluator over the same facts: the rule ids it collects, deduplicated (a rule
 * with `any` has several rows) and put in ruleset order.
 */
export function createZenEvaluator(rules: readonly Rule[]): {
  decide(facts: object): Promise<string[]>;
} {
  const engine = new ZenEngine();
  const decision = engine.createDecision(decisionTable(rules));
  const order = rules.map((r) => r.id);
  return {
    async decide(facts) {
      const { result } = await decision.evaluate(facts);
      const rows: unknown = result;
      const fired = new Set<string>();
      if (Array.isArray(rows)) {
        for (const row of rows) {
          if (
            typeof row === "object" &&
            row !== null &&
            "rule" in row &&
            typeof row.rule === "string"
          ) {
            fired.add(row.rule);
          }
        }
      }
      return order.filter((id) => fired.has(id));
    },
  };
}
