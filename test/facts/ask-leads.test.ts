import { describe, expect, it } from "vitest";
import { createGuard, type PracticePolicyInput, type TaskInputRaw } from "../../src/index.js";
import { defaultRuleset } from "../../src/rules/default.js";

/**
 * A checked grid of the ways a request is opened, each put before each kind of contract work:
 * every pairing must fire the rule for that work. A lead that fails for one ask usually fails
 * for all, so the grid finds gaps in how asks are read, not in any one category's phrases.
 */
const leads = [
  "please",
  "pls",
  "could you",
  "can you",
  "can GP",
  "could the GP",
  "GP to",
  "GP please",
  "would be grateful if you could",
  "we would be grateful if GP could",
  "kindly",
  "are you able to",
  "would you be able to",
  "would you be happy to",
  "we would ask that GP",
  "we suggest GP",
  "we recommend GP",
  "I would be grateful if you would",
  "can the practice",
  "could the surgery",
  "need GP to",
  "for GP to",
  "requesting GP",
  "we'd appreciate it if you could",
  "GP asked to",
  "action for GP:",
  "GP action:",
  "pt needs GP to",
  "wondered if you could",
  "is it possible for GP to",
  "any chance you could",
  "GP should",
  "GP must",
  "GP is requested to",
  "hoping GP can",
  "hoping you could",
  "pt hoping GP will",
  "it would be really helpful if GP could",
  "has anyone been able to",
  "is the practice able to",
  "over to GP to",
  "pt has been told the GP will",
  "would be good if GP could",
  "family wondering if GP could",
  "we feel it would help if GP could",
];

/** Each ask, the rule it must fire, and the sentence before it that gives its context. */
const asks: [ask: string, rule: string, before: string][] = [
  ["refer her to dermatology", "onward-referral", "Seen in clinic today."],
  ["arrange an USS abdomen", "onward-referral", "Seen in clinic today."],
  ["prescribe amlodipine 5mg od", "prescription-after-clinic", "Seen in clinic today."],
  [
    "continue the apixaban on repeat",
    "prescription-after-discharge",
    "Discharged from ward 9 today.",
  ],
  ["issue a fit note for 2 weeks", "fit-note", "Seen in clinic today."],
  ["let her know the results", "results-to-patient", "Her bloods from our clinic are normal."],
  ["repeat the U&E in 1 week", "act-on-results", "K+ 5.8 on our clinic bloods."],
  ["chase the histology", "act-on-results", "Biopsy taken in our clinic."],
];

const guard = createGuard({
  practice: defaultRuleset().examples.practice as PracticePolicyInput,
});

/** Ways of naming each kind of contract work, after "Please", and the sentence giving its context. */
const named: Record<string, [before: string, asks: string[]]> = {
  "onward-referral": [
    "Seen in clinic today.",
    [
      "refer to dermatology",
      "make a referral to ENT",
      "send a referral to physio",
      "put a referral in to urology",
      "re-refer to gastro",
      "request an MRI lumbar spine",
      "order a CT chest",
      "book an USS abdomen",
      "arrange an echo",
      "organise a colonoscopy",
      "refer on to the memory clinic",
      "do a 2WW referral",
      "get her seen by ortho",
      "send her for an x-ray",
      "request a DEXA scan",
      "arrange for her to have a CT",
      "refer back to us",
      "make referal to rheum",
      "refer pt to dietitian",
      "get an echo done",
      "get a DEXA scan booked",
      "put her forward for a sleep study",
    ],
  ],
  "prescription-after-clinic": [
    "Seen in clinic today.",
    [
      "prescribe amlodipine 5mg",
      "issue a script for amlodipine",
      "start amlodipine 5mg od",
      "add amlodipine to repeats",
      "put amlodipine on repeat",
      "commence amlodipine",
      "increase the amlodipine to 10mg",
      "switch her to lercanidipine",
      "do a prescription for amlodipine",
      "supply amlodipine",
      "issue 28 days of amlodipine",
      "rx amlodipine 5mg",
      "reduce the amlodipine to 5mg",
      "stop the amlodipine and start lercanidipine",
      "change the amlodipine to lercanidipine",
      "uptitrate bisoprolol to 5mg",
      "perscribe amlodipine",
      "continue amlodipine on repeat",
      "issue more amlodipine",
      "carry on with the amlodipine",
    ],
  ],
  "fit-note": [
    "Seen in clinic today.",
    [
      "issue a fit note",
      "do a sick note",
      "provide a med3",
      "extend her fitnote",
      "sign her off work for 2 weeks",
      "give a note for work",
      "issue a statement of fitness for work",
      "do a sicknote",
      "extend the med 3",
      "provide a fit note for 2/52",
    ],
  ],
  "results-to-patient": [
    "Her bloods from our clinic are back.",
    [
      "inform pt of the result",
      "let her know the result",
      "tell the patient the result",
      "pass the result on to her",
      "feed back the result",
      "relay the result to pt",
      "give the results to her",
      "contact pt with the result",
      "discuss the result with her",
      "explain the results to her",
      "inform patient",
      "update her with the results",
      "advise pt of the result",
      "ring her with the result",
      "notify pt of result",
    ],
  ],
  "act-on-results": [
    "K+ 5.8 and ALT 210 on our clinic bloods.",
    [
      "action the results",
      "act on the results",
      "follow up the abnormal LFTs",
      "repeat bloods in 1 week",
      "recheck potassium in 1/52",
      "repeat U&E",
      "review the results and act accordingly",
      "chase the results",
      "manage the abnormal LFTs",
      "follow these up",
      "deal with the results",
      "look into the abnormal LFTs",
      "investigate the raised ALT",
      "sort out the potassium",
      "repeat LFTs in 2 weeks",
      "redo the U&E",
    ],
  ],
};

/** The verdict for a body sent by a hospital outpatient department. */
const OUTPATIENTS: TaskInputRaw["sender"] = {
  organisation: "Example NHS Trust",
  unit: "Outpatients",
  kind: "nhs-provider",
};

function verdictOf(body: string, sender = OUTPATIENTS) {
  return guard.evaluate({
    id: "ask",
    sentAt: "2026-11-19T10:00:00Z",
    sender,
    recipient: { unit: "Example Surgery", assignment: "unassigned" },
    body,
  });
}

async function fires(body: string, rule: string): Promise<boolean> {
  return (await verdictOf(body)).findings.some((f) => f.ruleId === rule);
}

describe("reading asks: checked grids of requests, statements that ask nothing, and urgency", () => {
  it(`reads all ${leads.length * asks.length} pairings as the work they ask for`, async () => {
    const missed: string[] = [];
    for (const [ask, rule, before] of asks) {
      for (const lead of leads) {
        const body = `${before} ${lead} ${ask}`;
        if (!(await fires(body, rule))) missed.push(`${rule}: ${body}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("reads each way of naming the work as that work", async () => {
    const missed: string[] = [];
    for (const [rule, [before, asks]] of Object.entries(named)) {
      for (const ask of asks) {
        const body = `${before} Please ${ask}.`;
        if (!(await fires(body, rule))) missed.push(`${rule}: ${body}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("reads what was done, the sender's plans, refusals and conditions as no ask", async () => {
    const statements = [
      "Seen in clinic today. Fit note issued for 4 weeks.",
      "Seen in clinic today. We have issued a fit note.",
      "Seen in clinic today. Med3 given for 2/52.",
      "Seen in clinic today. Follow up in clinic 3/12, appointment to be sent.",
      "Seen in clinic today. Repeat imaging in 6 months will be arranged by us.",
      "Seen in clinic today. Sick note done by us.",
      "Discharged today. TTOs supplied x28 days.",
      "Discharged today. 28 days of meds given.",
      "Discharged today. Full course of antibiotics supplied.",
      "Seen in clinic today. We have referred to ENT.",
      "Seen in clinic today. Referred to physio by us.",
      "Seen in clinic today. Referral made to dietitian.",
      "Seen in clinic today. I have requested an MRI.",
      "Seen in clinic today. MRI booked by us.",
      "Seen in clinic today. We will arrange a CT.",
      "Seen in clinic today. We will refer to urology.",
      "Seen in clinic today. Results discussed with pt.",
      "Seen in clinic today. Pt informed of results.",
      "Seen in clinic today. I have told her the result.",
      "Seen in clinic today. We will repeat the bloods in clinic.",
      "Seen in clinic today. Bloods will be repeated at her next appointment with us.",
      "Seen in clinic today. Started amlodipine, 28 days supplied, we will continue prescribing.",
      "Seen in clinic today. No further action needed.",
      "Seen in clinic today. No GP action required.",
      "Seen in clinic today. For information only.",
      "Seen in clinic today. Nothing needed from GP.",
      "Seen in clinic today. Plan: we will review in 3 months.",
      "Seen in clinic today. If symptoms worsen GP may wish to refer to ENT.",
      "Seen in clinic today. Should she need a fit note in future, GP could consider.",
      "Seen in clinic today. Fit note not required.",
      "Seen in clinic today. No need to refer.",
      "Seen in clinic today. Referral not needed.",
      "Seen in clinic today. Prescription not required.",
      "Seen in clinic today. Does not need repeat bloods.",
      "Seen in clinic today. Results normal, no action.",
      "Seen in clinic today. We've sent the prescription to her pharmacy.",
      "Seen in clinic today. FP10 given in clinic.",
      "Seen in clinic today. Chased the histology ourselves, benign.",
      "Seen in clinic today. Will chase the report and let her know.",
      "Seen in clinic today. Our team will inform pt of results.",
      "Seen in clinic today. His wife has asked us to let you know he was in, as he has a routine appointment with you next week.",
    ];
    const asked: string[] = [];
    for (const body of statements) {
      const verdict = await verdictOf(body);
      if (verdict.facts.actionRequested || verdict.findings.length > 0) asked.push(body);
    }
    expect(statements.length).toBeGreaterThan(35);
    expect(asked).toEqual([]);
  });

  it("reads a soft ask, an ask handed over after a dash, and a fit note or result asked under a condition", async () => {
    const read: [body: string, rule: string][] = [
      // A hint is an ask: "might be worth", "we feel ... would help".
      [
        "Spirometry confirms COPD. Might be worth GP referring for pulmonary rehab.",
        "onward-referral",
      ],
      [
        "Seen in clinic today. We feel a referral to the memory clinic would help.",
        "onward-referral",
      ],
      // A clause that only names the practice, after a spaced dash, gives it the clause before.
      ["Seen in clinic. Plan: repeat FBC in 3/12 - GP.", "act-on-results"],
      ["Distal radius fracture, POP applied. Plan: fit note for 6/52 - GP", "fit-note"],
      // A fit note or a result is asked though a condition stands before the ask.
      [
        "Fit note issued on discharge covering 4/52. Pls extend if pt not fit to return.",
        "fit-note",
      ],
      ["Biopsy from our clinic back. If benign please let her know.", "results-to-patient"],
    ];
    const missed: string[] = [];
    for (const [body, rule] of read)
      if (!(await fires(body, rule))) missed.push(`${rule}: ${body}`);
    expect(missed).toEqual([]);
    // A dash before a word that names the practice inside a longer clause gives nothing away,
    // and a referral under a condition stays a safety net, not an ask.
    expect(await fires("Seen in clinic - GP surgery letter sent to pt.", "act-on-results")).toBe(
      false,
    );
    expect(
      await fires("Holter normal. If symptoms recur please re-refer.", "onward-referral"),
    ).toBe(false);
  });

  it("reads an ask for something to be sent today as due today, not as a report that it was sent", async () => {
    const sent = await verdictOf(
      "Pt out of insulin. Can we have a prescription sent over asap today please",
    );
    expect(sent.facts.dueOn).toBe("2026-11-19");
    const done = await verdictOf("Prescription sent over today. For info.");
    expect(done.facts.dueOn).toBeUndefined();
    // After the ask, "have" or "get" and what it names: the done-word is what is asked for.
    const had = await verdictOf(
      "Only 1 night bag left. Please could we have a prescription for leg bags x10 sent to pharmacy today",
    );
    expect(had.facts.dueOn).toBe("2026-11-19");
    expect(had.humanReview).toBe(true);
    const ours = await verdictOf("Please check the prescription we sent to pharmacy today");
    expect(ours.facts.dueOn).toBeUndefined();
  });

  it("reads an ask for a same-day referral as a referral, not as the report 'referred same day'", async () => {
    expect(await fires("Pls GP r/v and refer to TIA clinic same day", "onward-referral")).toBe(
      true,
    );
    expect(
      await fires("Pt was referred to TIA clinic same day. For info.", "onward-referral"),
    ).toBe(false);
  });

  it("reads a caller 'reporting' symptoms as no report of a result: a follow-up after a call is clinical work", async () => {
    expect(
      await fires("111 call: caller reporting low mood. Please follow up.", "act-on-results"),
    ).toBe(false);
    expect(
      await fires("CT report from our clinic shows a nodule. Please follow up.", "act-on-results"),
    ).toBe(true);
  });

  it("reads a reading straight after another, with no comma, as the next reading, not hours", async () => {
    // "HR" reads "heart rate", and a number before "hours" is a count: not when a number follows.
    expect((await verdictOf("DN visit: BP 86/50 HR 100. For info")).humanReview).toBe(true);
    expect((await verdictOf("DN visit: BP 124/78 HR 150. For info")).humanReview).toBe(true);
    expect((await verdictOf("DN visit: BP 124/78 HR 80. For info")).humanReview).toBe(false);
    // "hr" is a count word as written, not the "heart" it reads: a heart failure after a value
    // does not make the value a count.
    expect((await verdictOf("K 6.9 heart failure pt. For info")).humanReview).toBe(true);
  });

  it("reads a 111 disposition to see a GP today for review, with no rule's due date", async () => {
    const verdict = await verdictOf("111 call. Disposition: see GP today. Please contact parents.");
    expect(verdict.humanReview).toBe(true);
    expect(verdict.facts.dueOn).toBeUndefined();
  });

  it("lets no later category ask with words an earlier one asked with, all parts of an allOf included", async () => {
    // "to arrange" + "CT chest" is an onward-referral allOf; "repeat CT chest" follows up a
    // result, and the words are read once.
    const verdict = await verdictOf(
      "Incidental 9mm nodule on the CT we did. GP to arrange repeat CT chest in 3/12 please.",
    );
    const rules = verdict.findings.map((f) => f.ruleId);
    expect(rules).toContain("act-on-results");
    expect(rules).not.toContain("onward-referral");
  });

  it("reads negation the NegEx way: across a list, stopped by 'but', not through a pseudo-negation", async () => {
    const review = async (body: string) => (await verdictOf(body)).humanReview;
    // A negator reaches across the earlier terms of a list of safety terms.
    expect(
      await review("Please review her medication. Denies any thoughts of self harm or suicide."),
    ).toBe(false);
    // A negation after a term stops at "but".
    expect(
      await review(
        "Please review. She said some days it's not worth carrying on but denied any plans.",
      ),
    ).toBe(true);
    // "trop neg" denies the troponin, not the chest pain before it.
    expect(await review("pt seen ED chest pain trop neg d/c'd no action fyi")).toBe(true);
  });

  it("reads a critical value up to nine words after its name, but not past 'and'", async () => {
    const review = async (body: string) => (await verdictOf(body)).humanReview;
    expect(await review("INR came through from the clinic fax: 8.4, pt on warfarin.")).toBe(true);
    // Nine words on, a date among them: "taken at our depot clinic 14/12 has come back 1.3".
    expect(
      await review("Lithium level taken at our depot clinic 14/12 has come back 1.3. Pls repeat"),
    ).toBe(true);
    expect(
      await review("Pt needs fit note for 2/52, and GP to increase levetiracetam to 750mg."),
    ).toBe(false);
    expect(await review("QTc 475 on citalopram, please repeat ECG.")).toBe(true);
  });

  it("reads an ask after 'please' though a negator stands just before it", async () => {
    // "resolved" governs the symptoms, not the ask after "please".
    const resolved = await verdictOf("?TIA symptoms resolved please review same day");
    expect(resolved.facts.actionRequested).toBe(true);
    expect(resolved.humanReview).toBe(true);
  });

  it("reads a verb in the past after its subject as a report, not an ask", async () => {
    // "We requested" says what the sender did; the ask is the chase that follows.
    const chase = await verdictOf(
      "We requested CT sinuses at his last appt but cant see the report. Can the practice chase it please",
    );
    expect(chase.facts.category).toBe("act-on-results");
    expect(chase.findings.map((f) => f.ruleId)).not.toContain("onward-referral");
    // "we arranged" is done; telling mum is asked.
    const arranged = await verdictOf(
      "As planned we arranged a sweat test, which was done last week and was normal, so please could the practice let mum know the result",
    );
    expect(arranged.facts.requests).toEqual(["results-to-patient"]);
    // An ask before the past form keeps it asked: "check she's been deducted".
    const check = await verdictOf("Can you check she has been deducted from your list please");
    expect(check.facts.actionRequested).toBe(true);
  });

  it("reads a result passed on, appliances, and a day asked in a sentence of its own", async () => {
    const read: [body: string, category: string][] = [
      // "feed back these results" and "pass this on" with a result: results to the patient.
      [
        "memory ax complete, MoCA 27/30, CT head age related changes only. would GP feed back these results to her pls",
        "results-to-patient",
      ],
      [
        "She'd like to know the result of her biopsy - benign. Are you happy to pass this on?",
        "results-to-patient",
      ],
      // Continence and stoma appliances are asked of the practice, not after a clinic.
      [
        "Continence assessment done. Could GP add Flip-Flo catheter valves x5 to his repeat pls",
        "prescription-request",
      ],
      // A clinic's "add <medicine> <dose>" is a prescription after it; an allergy added is not.
      [
        "Lipid clinic: LDL 4.8 on atorvastatin 80. Pls add ezetimibe 10mg od. Thanks",
        "prescription-after-clinic",
      ],
      ["Seen in clinic, rash with co-amoxiclav. Pls add penicillin allergy to GP record", "admin"],
      // A dropped letter: "fit not" for "fit note".
      ["pt going home this pm, requires fit not for 12 wks, GP to do pls", "fit-note"],
      // A review in clinic after a discharge is the clinic's: its prescription is after clinic.
      [
        "Post discharge r/v in resp clinic. GP to start montelukast 10mg nocte and add to repeats",
        "prescription-after-clinic",
      ],
      [
        "Crisis team visit: started sertraline 50mg, 7 days supplied. GP pls continue prescribing",
        "prescription-after-clinic",
      ],
      // Records and bookings: cancelling appointments, a vaccination history, the imms record.
      [
        "Pt admitted to ward 12. Can you pls cancel any upcoming appointments at the surgery",
        "admin",
      ],
      ["could you send us his vaccination history please, needed before splenectomy", "admin"],
      ["please update imms record: HPV dose 1 given in school 12/1", "admin"],
      // A sick note misspelt "sik", and a trial without catheter to be arranged.
      [
        "SIK NOTE REQUIRED X 2/52 FROM DISCHARGE 30/12 - PT D/C FROM WARD 4. NOT URGENT",
        "fit-note",
      ],
      [
        "TWOC failed on ward. GP to arrange TWOC with district nurses in 2/52 please",
        "onward-referral",
      ],
      // "pls see when she arrives" asks for clinical work.
      [
        "mum rang, baby floppy and not feeding. told to come down, pls see when arrives",
        "clinical-work",
      ],
    ];
    for (const [body, category] of read)
      expect((await verdictOf(body)).facts.category, body).toBe(category);
    // From a pharmacy, "his repeat" is a prescription, not a repeat test (act on results).
    for (const body of [
      "pls add GlucoRx test strips to his repeat",
      "DMS: letter says doxazosin started. His repeat still shows amlodipine, pls can you sort",
    ]) {
      const pharmacy = {
        organisation: "Example Pharmacy",
        unit: "Dispensary",
        kind: "pharmacy",
      } as const;
      expect((await verdictOf(body, pharmacy)).facts.category, body).toBe("prescription-request");
    }
    // "7 day scripts from today" and "ensure baby is seen today" are due today; a fit note "from
    // today" is when it starts, read as before.
    for (const body of [
      "Crisis team: stockpiling meds. Please change to 7 day scripts from today",
      "?pyloric stenosis. Mum trying to get through - please ensure baby is seen today",
    ])
      expect((await verdictOf(body)).facts.dueOn, body).toBe("2026-11-19");
    // "today if poss" after the ask is when the ask is for.
    const today = await verdictOf(
      "please can a GP come and see Ivy she has a chesty cough and is not herself. today if poss",
    );
    expect(today.facts.dueOn).toBe("2026-11-19");
    expect(today.findings.map((f) => f.ruleId)).toContain("immediate-action");
    // So is a deadline in a short sentence of its own after the ask: "before xmas if poss".
    const xmas = await verdictOf("Please request USS thyroid and refer ENT. before xmas if poss");
    expect(xmas.facts.dueOn).toBe("2026-12-24");
    // Not after a statement: "Scan done on the ward. Before xmas we will write again."
    const told = await verdictOf("Scan done on the ward. Before xmas we will write again.");
    expect(told.facts.dueOn).toBeUndefined();
  });

  it("tells whom a result goes to, reads a reissue as a prescription and a record change as admin", async () => {
    const category = async (body: string, sender?: typeof OUTPATIENTS) =>
      (await verdictOf(body, sender)).category.value;
    // Results discussed with the patient, however many words name the tests.
    expect(await category("GP to discuss DEXA and vit D results with pt.")).toBe(
      "results-to-patient",
    );
    // A result passed to a team is not a result told to the patient.
    const toTeam = await verdictOf(
      "Faecal calprotectin 540. Please repeat calprotectin in 6 weeks and let the IBD team know the result.",
    );
    expect(toTeam.category.value).toBe("act-on-results");
    expect(toTeam.findings.map((f) => f.ruleId)).not.toContain("results-to-patient");
    const pharmacy = { ...OUTPATIENTS, unit: "Boots Hessle Rd", kind: "pharmacy" as const };
    expect(
      await category("Script not signed, we can't dispense. Please reissue today.", pharmacy),
    ).toBe("prescription-request");
    expect(await category("Pt asking to change named GP to Dr Okafor, ok to update?")).toBe(
      "admin",
    );
    expect(await category("New address for pt - 14 Marlow St. Can someone update pls")).toBe(
      "admin",
    );
  });

  it("lets a negation reach across common symptoms in a list, and reads a raised BP in early pregnancy", async () => {
    const review = async (body: string) => (await verdictOf(body)).humanReview;
    // "night sweats" is denied with the cough and the fever before it.
    expect(
      await review(
        "Seen in resp clinic. No cough, fever, night sweats or weight loss. Please repeat CXR in 6/52.",
      ),
    ).toBe(false);
    // Nor a verb in the past after the comma, nor a negator that ends its clause.
    expect(await review("Pt denies chest pain, declined conveyance. Please review.")).toBe(true);
    expect(await review("Tells them she's fine. She's not, barely eating. Please review.")).toBe(
      true,
    );
    // Not across "but", and a symptom named alone is still read.
    expect(await review("No cough or fever but night sweats for 3 weeks. Please repeat CXR.")).toBe(
      true,
    );
    // A blood pressure of 140 or more at a booking or postnatal visit is read for review.
    expect(
      await review("Booking appt done at 10/40. BP 148/96, urine NAD. Please repeat BP next week."),
    ).toBe(true);
    expect(await review("Day 5 PN visit: BP 150/98. Please could GP review.")).toBe(true);
  });

  it("reads a dose's 'prn' (as required) as no ask, and 'could we get' as one", async () => {
    // "TTOs: ... prn, all supplied" tells what was supplied: the ask is the practice nurse's.
    const tto = await verdictOf(
      "TTOs: paracetamol 1g qds prn, lactulose 10ml bd, all supplied.\nPlease arrange for practice nurse to remove clips on day 10.",
    );
    expect(tto.category.value).toBe("clinical-work");
    expect(tto.findings.map((f) => f.ruleId)).not.toContain("prescription-after-discharge");
    const care = { ...OUTPATIENTS, unit: "Elm Lodge Care Home", kind: "social-care" as const };
    const asked = await verdictOf(
      "hi could we get paracetamol 500mg PRN added to his prescription, he has knee pain",
      care,
    );
    expect(asked.category.value).toBe("prescription-request");
  });

  it("reads 'same day' after a past verb as history, and a reading's day as no deadline", async () => {
    const seen = await verdictOf(
      "Pt disclosed thoughts of ending her life. Crisis team saw her same day. Could you review her antidepressant at her next appt.",
    );
    expect(seen.findings.map((f) => f.ruleId)).not.toContain("urgent-by-task");
    // Still read for review: the safety words are there.
    expect(seen.humanReview).toBe(true);
    const bp = await verdictOf("Please could GP ensure that BP is optimised (today 158/92).");
    expect(bp.facts.dueOn).toBeUndefined();
    expect(bp.findings.map((f) => f.ruleId)).not.toContain("urgent-by-task");
  });

  it("reads urgency written every way, and not its denials or service names", async () => {
    const urgent = [
      "URGENT please review",
      "urgently please",
      "please review asap",
      "ASAP pls",
      "as soon as possible please",
      "as soon as poss",
      "asap!!",
      "high priority",
      "time critical",
      "time sensitive",
      "needs doing straight away",
      "immediately please",
      "without delay please",
      "same day please",
      "priority review please",
      "please treat as urgent",
      "urgent request",
      "this is urgent",
      "v urgent",
      "very urgent",
      "urgent!!!",
      "2WW referral please",
      "two week wait referral please",
      "urgent 2ww",
      "emergency appointment needed",
      "needs seeing today",
      "pls action today",
      "today please",
      "by end of today",
      "before 5pm today",
      "tomorrow please",
      "by tomorrow",
      "first thing tomorrow",
      "semi urgent",
      "fairly urgent",
      "quite urgent",
      "somewhat urgent",
      "urgent-ish",
      "can't wait",
      "cannot wait until next week",
      "needs to be done now",
      "need this done now",
      "urgt",
      "a.s.a.p.",
      "needs sorting now",
      "must be today",
      "as a matter of urgency",
      "time critical as must be given at 28 weeks",
    ];
    const routine = [
      "not urgent",
      "non urgent",
      "non-urgent request",
      "no urgency",
      "no rush",
      "routine",
      "when convenient",
      "in due course",
      "attended the Urgent Treatment Centre",
      "seen at urgent care centre",
      "urgent care team visited",
      "not an emergency",
      "not time critical",
      "no need to rush",
      "low priority",
      "whenever you get a chance",
      "next few weeks is fine",
      "routine, not urgent",
      "this is not urgent",
      "nothing urgent",
      "not needed urgently",
      "not required urgently",
      "we got hold of his daughter",
      "a Cat 4 ambulance was sent",
      "she is in a loop of appointments",
      "emergency duty team visited",
      "referred to ophthalmology as urgent by us",
      "no need for 2WW",
      // "urgency" alone is the symptom, not haste.
      "bladder diary shows frequency, urgency and nocturia",
      "some urgency and mild dysuria expected for 6-8 weeks",
    ];
    const review = async (p: string) =>
      (await verdictOf(`Please review her medication. ${p}`)).humanReview;
    const missed: string[] = [];
    for (const p of urgent) if (!(await review(p))) missed.push(p);
    const flagged: string[] = [];
    for (const p of routine) if (await review(p)) flagged.push(p);
    expect([missed, flagged]).toEqual([[], []]);
  });
});
