// Usage (after npm ci, which builds dist/): npx tsx examples/01-evaluate-a-task.ts
//
// Evaluates one SystmOne task for one practice and prints the verdict and its letter.
// Imports the package by its own name, as your code would.
import { createGuard, isInputError, type TaskInputRaw } from "gp-task-guard";

const guard = createGuard({
  practice: {
    name: "Example Surgery",
    units: ["Example Surgery"],
    externalTasks: { policy: "accept" },
    preferredMethod: "e-mail to our generic inbox example.surgery@nhs.net",
    urgentRoute: { phone: "01482 000000", email: "example.surgery@nhs.net" },
    escalationContact: { name: "Alex Example", role: "Practice Manager" },
  },
});

const verdict = await guard.evaluate({
  id: "S1-0001",
  sentAt: "2026-11-23T09:30:00Z",
  sender: {
    organisation: "Humber Coast NHS Foundation Trust",
    odsCode: "RXX01",
    unit: "Humber Coast Outpatients",
    team: "Cardiology",
  },
  recipient: { unit: "Example Surgery", assignment: "unassigned" },
  patient: { nhsNumber: "943 476 5919" },
  body: "Seen in cardiology clinic today. Please prescribe bisoprolol 2.5mg once daily. Please see my recent journal entry which contains actions (23/11/2026 09:10).",
});

console.log(verdict.outcome); // "reject"
for (const finding of verdict.findings) {
  console.log(`${finding.severity} ${finding.ruleId}: ${finding.message}`);
}
console.log(verdict.letter?.text);

// A bad task is an InputError naming each bad field.
try {
  // Data from outside (a file, a request) is checked when it runs, whatever its type says.
  const untrusted: unknown = JSON.parse('{"id":"S1-0002","sentAt":"2026-02-30T09:00:00Z"}');
  await guard.evaluate(untrusted as TaskInputRaw);
} catch (error) {
  if (isInputError(error)) console.log(error.issues.map((i) => i.path).join(", "));
}
