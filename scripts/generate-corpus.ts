/**
 * Usage: npx tsx scripts/generate-corpus.ts [--count 1000] [--seed 20261123] [--out <file> [--force]]
 *
 * Writes a synthetic corpus of SystmOne tasks sent to Example Surgery, one JSON task per line,
 * for the CLI's `evaluate`, `report`, `diff` and `test --golden` and for the docs. Everything
 * is fictional: organisations, ODS codes, people, and NHS numbers from the 999 test range with
 * a valid Modulus 11 check digit. The same seed and count give the same bytes (a seeded PRNG,
 * no Math.random, no clock), and test/cli/corpus.test.ts fails when the committed
 * examples/corpus.jsonl is stale.
 *
 * The corpus goes to stdout unless `--out` names a file; an existing file is overwritten only
 * with `--force` (the committed corpus is rewritten with
 * `npx tsx scripts/generate-corpus.ts --out examples/corpus.jsonl --force`).
 */
import { createWriteStream, existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { TZDate } from "@date-fns/tz";
import type { Category, defaultCategories, SenderKind, TaskInputRaw } from "../src/input/task.js";

/** The default seed and size of the committed corpus. */
export const corpusDefaults = { seed: 20261123, count: 1000 } as const;

/** The practice every task is sent to (its SystmOne unit). */
export const corpusPractice = { name: "Example Surgery", unit: "Example Surgery" } as const;

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error("weighted pick from an empty list");
    return last[0];
  }
}

/**
 * A synthetic NHS number from the 999 test range with a valid Modulus 11 check digit.
 *
 * @example testNhsNumber(() => 0.5) // "9995555552"-like: ten digits starting 999, valid check digit
 */
export function testNhsNumber(random: () => number): string {
  for (;;) {
    let digits = "999";
    for (let i = 0; i < 6; i++) digits += String(Math.floor(random() * 10));
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return digits + String(check === 11 ? 0 : check);
  }
}

// ---------------------------------------------------------------------------------------------
// Senders: fictional organisations with Humberside-like names and made-up ODS codes.

type Slot = Record<string, string>;
type Template = (s: Slot) => string;

interface Team {
  organisation: string;
  odsCode?: string;
  kind: SenderKind;
  unit: string;
  team: string;
  roles: readonly string[];
  weight: number;
  /** The categories this team plausibly sends, with weights. */
  categories: readonly (readonly [CorpusCategory, number])[];
  /** Where the team sees patients, as a body would name it. */
  place?: string;
  /** The team's own medicines and referral targets, when it has them. */
  clinicDrugs?: readonly string[];
  sharedDrugs?: readonly string[];
  onward?: readonly string[];
  investigations?: readonly string[];
  conditions?: readonly string[];
  /** The kinds of case whose details of care the team might paste into a task. */
  careCases?: readonly CareCase[];
}

/** What a generated task is about: a default category, shared-care prescribing, or an internal task. */
type CorpusCategory =
  | Exclude<(typeof defaultCategories)[number], "other">
  | "shared-care"
  | "internal";

const humberCoast = { organisation: "Humber Coast NHS Foundation Trust", odsCode: "RZH" };
const wolds = { organisation: "Hull and Wolds University Hospitals NHS Trust", odsCode: "RZW" };
const northBank = {
  organisation: "North Bank and Goole Hospitals NHS Foundation Trust",
  odsCode: "RZN",
};
const estuary = { organisation: "Estuary Mental Health Partnership NHS Trust", odsCode: "RZE" };

const teams: readonly Team[] = [
  {
    ...humberCoast,
    kind: "nhs-provider",
    unit: "Humber Coast Community Services",
    team: "District Nursing",
    careCases: ["wound"],
    clinicDrugs: ["Cavilon barrier cream", "Zerobase emollient", "Oramorph 10mg/5ml oral solution"],
    place: "the community leg ulcer clinic",
    roles: ["District Nurse", "Community Staff Nurse", "District Nursing Sister"],
    weight: 16,
    categories: [
      ["prescription-request", 5],
      ["clinical-work", 4],
      ["condition-update", 3],
      ["act-on-results", 2],
      ["referral-request", 2],
      ["information", 1],
      ["admin", 1],
    ],
  },
  {
    ...humberCoast,
    kind: "nhs-provider",
    unit: "Humber Coast Community Services",
    team: "Community Matrons",
    careCases: ["heart", "chest"],
    clinicDrugs: ["salbutamol 100mcg inhaler", "furosemide 40mg OM", "Fortisip compact"],
    place: "a home visit",
    roles: ["Community Matron", "Advanced Clinical Practitioner"],
    weight: 5,
    categories: [
      ["condition-update", 3],
      ["clinical-work", 3],
      ["prescription-request", 2],
      ["referral-request", 1],
    ],
  },
  {
    ...humberCoast,
    kind: "nhs-provider",
    unit: "Humber Coast Podiatry",
    team: "Podiatry",
    careCases: ["wound", "diabetes"],
    clinicDrugs: ["Flexitol heel balm", "terbinafine 1% cream"],
    investigations: ["foot X-ray", "arterial doppler"],
    place: "the podiatry clinic",
    onward: ["the vascular team", "orthotics", "the diabetic foot clinic"],
    roles: ["Podiatrist", "Podiatry Assistant"],
    weight: 5,
    categories: [
      ["information", 3],
      ["prescription-request", 2],
      ["referral-request", 2],
      ["onward-referral", 1],
    ],
  },
  {
    ...humberCoast,
    kind: "nhs-provider",
    unit: "Humber Coast Community Services",
    team: "Continence Service",
    clinicDrugs: [
      "mirabegron 50mg OD",
      "solifenacin 5mg OD",
      "Optiflo catheter maintenance solution",
    ],
    place: "the continence clinic",
    roles: ["Continence Nurse Specialist"],
    weight: 3,
    categories: [
      ["prescription-request", 4],
      ["information", 1],
    ],
  },
  {
    ...wolds,
    kind: "nhs-provider",
    unit: "HWUH Castle Hill Outpatients",
    team: "Cardiology OPD",
    careCases: ["heart"],
    investigations: [
      "echocardiogram",
      "24 hour tape",
      "CT coronary angiogram",
      "exercise tolerance test",
    ],
    place: "Cardiology OPD",
    clinicDrugs: [
      "dapagliflozin 10mg OD",
      "sacubitril/valsartan 24/26mg BD",
      "ticagrelor 90mg BD",
      "bisoprolol 5mg OD",
      "ivabradine 5mg BD",
    ],
    onward: ["the heart failure nurse service", "cardiac rehabilitation", "electrophysiology"],
    roles: ["Cardiology Registrar", "Heart Failure Nurse", "Consultant Cardiologist"],
    weight: 9,
    categories: [
      ["prescription-after-clinic", 4],
      ["results-to-patient", 3],
      ["act-on-results", 3],
      ["onward-referral", 2],
      ["information", 1],
    ],
  },
  {
    ...wolds,
    kind: "nhs-provider",
    unit: "HWUH Hull Royal Infirmary",
    team: "Discharge Lounge",
    careCases: ["heart", "chest"],
    place: "the Discharge Lounge",
    roles: ["Discharge Coordinator", "Ward Pharmacist", "Staff Nurse"],
    weight: 10,
    categories: [
      ["prescription-after-discharge", 6],
      ["act-on-results", 2],
      ["fit-note", 2],
      ["clinical-work", 2],
      ["information", 1],
    ],
  },
  {
    ...wolds,
    kind: "nhs-provider",
    unit: "HWUH Castle Hill Outpatients",
    team: "Respiratory OPD",
    careCases: ["chest"],
    investigations: ["spirometry", "CT chest", "sleep study", "chest X-ray"],
    place: "the Respiratory clinic",
    clinicDrugs: [
      "Trimbow inhaler 2 puffs BD",
      "Fostair NEXThaler 1 puff BD",
      "carbocisteine 375mg TDS",
      "montelukast 10mg ON",
    ],
    onward: ["pulmonary rehabilitation", "the sleep clinic", "the home oxygen service"],
    roles: ["Respiratory Nurse Specialist", "Respiratory Registrar"],
    weight: 4,
    categories: [
      ["prescription-after-clinic", 3],
      ["results-to-patient", 2],
      ["onward-referral", 1],
    ],
  },
  {
    ...wolds,
    kind: "nhs-provider",
    unit: "HWUH Diabetes Centre",
    team: "Diabetes Centre",
    careCases: ["diabetes"],
    investigations: ["ultrasound abdomen", "retinal photographs", "coeliac screen"],
    place: "the Diabetes Centre",
    clinicDrugs: [
      "semaglutide 0.25mg weekly",
      "dapagliflozin 10mg OD",
      "gliclazide 80mg BD",
      "insulin glargine 14 units ON",
    ],
    roles: ["Diabetes Specialist Nurse", "Diabetes Dietitian"],
    weight: 4,
    categories: [
      ["act-on-results", 3],
      ["prescription-after-clinic", 2],
      ["results-to-patient", 1],
    ],
  },
  {
    ...northBank,
    kind: "nhs-provider",
    unit: "NBG Scunthorpe General Hospital",
    team: "Trauma and Orthopaedics",
    conditions: [
      "right total hip replacement",
      "left wrist fracture",
      "right ankle ORIF",
      "left total knee replacement",
    ],
    place: "fracture clinic",
    onward: ["the pain clinic", "hand therapy", "the falls service"],
    roles: ["Orthopaedic Practitioner", "Fracture Clinic Nurse", "Orthopaedic Registrar"],
    weight: 6,
    categories: [
      ["fit-note", 5],
      ["prescription-after-discharge", 2],
      ["onward-referral", 1],
    ],
  },
  {
    ...northBank,
    kind: "nhs-provider",
    unit: "NBG Diana Princess of Wales Outpatients",
    team: "Rheumatology OPD",
    investigations: ["DEXA scan", "hand X-rays", "ultrasound of the wrists"],
    place: "Rheumatology clinic",
    clinicDrugs: [
      "naproxen 500mg BD with omeprazole",
      "prednisolone 5mg OD",
      "alendronic acid 70mg weekly",
    ],
    sharedDrugs: [
      "methotrexate 15mg weekly",
      "azathioprine 100mg OD",
      "hydroxychloroquine 200mg OD",
      "leflunomide 20mg OD",
      "sulfasalazine 1g BD",
    ],
    roles: ["Rheumatology Nurse Specialist", "Consultant Rheumatologist"],
    weight: 5,
    categories: [
      ["shared-care", 5],
      ["act-on-results", 2],
      ["results-to-patient", 1],
    ],
  },
  {
    ...estuary,
    kind: "nhs-provider",
    unit: "Estuary MH Community Services",
    team: "Community Mental Health Team",
    careCases: ["mind"],
    place: "outpatient clinic",
    clinicDrugs: ["sertraline 100mg OD", "mirtazapine 30mg ON", "quetiapine 50mg ON"],
    sharedDrugs: [
      "lithium carbonate 400mg ON",
      "atomoxetine 40mg OD",
      "lisdexamfetamine 30mg OM",
      "clozapine 200mg BD",
    ],
    roles: ["Care Coordinator", "CPN", "Consultant Psychiatrist"],
    weight: 6,
    categories: [
      ["shared-care", 3],
      ["act-on-results", 2],
      ["condition-update", 2],
      ["clinical-work", 1],
    ],
  },
  {
    ...estuary,
    kind: "nhs-provider",
    unit: "Estuary MH Older Adults",
    team: "Memory Assessment Service",
    place: "the memory clinic",
    clinicDrugs: ["donepezil 5mg ON", "memantine 10mg OD", "galantamine XL 8mg OD"],
    roles: ["Memory Nurse", "Specialty Doctor"],
    weight: 3,
    categories: [
      ["prescription-after-clinic", 2],
      ["clinical-work", 2],
      ["information", 1],
    ],
  },
  {
    organisation: "Holderness Community Health CIC",
    odsCode: "NZH",
    kind: "independent-provider",
    unit: "Holderness Community Health",
    team: "MSK Physio",
    conditions: ["lumbar discectomy", "rotator cuff repair", "ACL reconstruction"],
    investigations: ["MRI lumbar spine", "X-ray of the left knee", "nerve conduction studies"],
    place: "MSK clinic",
    clinicDrugs: ["naproxen 500mg BD", "amitriptyline 10mg ON", "diclofenac 1.16% gel"],
    onward: ["the orthopaedic surgeons", "the pain clinic", "rheumatology"],
    roles: ["MSK Physiotherapist", "First Contact Practitioner"],
    weight: 6,
    categories: [
      ["onward-referral", 3],
      ["fit-note", 2],
      ["prescription-request", 2],
      ["information", 2],
    ],
  },
  {
    organisation: "Wolds Dermatology Partnership Ltd",
    odsCode: "NZD",
    kind: "independent-provider",
    unit: "Wolds Dermatology",
    team: "Community Dermatology",
    investigations: ["skin biopsy", "patch testing"],
    place: "the dermatology clinic",
    clinicDrugs: [
      "clobetasol 0.05% cream",
      "doxycycline 100mg OD",
      "Dermol 500 lotion",
      "Epimax ointment",
    ],
    onward: ["plastic surgery", "the hospital dermatology team"],
    roles: ["GP with Extended Role", "Dermatology Nurse"],
    weight: 3,
    categories: [
      ["prescription-after-clinic", 3],
      ["results-to-patient", 2],
      ["onward-referral", 1],
    ],
  },
  {
    organisation: "East Wolds Council",
    kind: "social-care",
    unit: "East Wolds Adult Social Care",
    team: "Reablement",
    roles: ["Reablement Coordinator", "Social Worker"],
    weight: 3,
    categories: [
      ["condition-update", 2],
      ["admin", 2],
      ["clinical-work", 1],
    ],
  },
  {
    organisation: "Spurn Point Pharmacy",
    odsCode: "FZ101",
    kind: "pharmacy",
    unit: "Spurn Point Pharmacy",
    team: "Community Pharmacy",
    roles: ["Pharmacist", "Pharmacy Technician"],
    weight: 3,
    categories: [
      ["prescription-request", 4],
      ["admin", 1],
    ],
  },
  {
    organisation: "Holderness Coast PCN",
    odsCode: "UZ001",
    kind: "pcn",
    unit: "Holderness Coast PCN Hub",
    team: "Care Coordinators",
    roles: ["Care Coordinator", "Social Prescribing Link Worker", "Clinical Pharmacist"],
    weight: 3,
    categories: [
      ["admin", 2],
      ["condition-update", 1],
      ["clinical-work", 1],
    ],
  },
  {
    organisation: "Beverley Road Medical Centre",
    odsCode: "BZ001",
    kind: "gp-practice",
    unit: "Beverley Road Medical Centre",
    team: "Reception",
    roles: ["Receptionist", "Practice Manager"],
    weight: 2,
    categories: [
      ["admin", 3],
      ["information", 1],
    ],
  },
  {
    organisation: "St Aelred's Hospice",
    odsCode: "NZS",
    kind: "other",
    unit: "St Aelred's Hospice Community Team",
    team: "Hospice at Home",
    clinicDrugs: [
      "Oramorph 10mg/5ml oral solution",
      "oxycodone 5mg/5ml oral solution",
      "levomepromazine 6mg tablets",
    ],
    roles: ["Palliative Care CNS"],
    weight: 2,
    categories: [
      ["prescription-request", 2],
      ["condition-update", 2],
      ["clinical-work", 1],
    ],
  },
  {
    organisation: corpusPractice.name,
    kind: "gp-practice",
    unit: corpusPractice.unit,
    team: "Practice Team",
    roles: ["Receptionist", "Practice Nurse", "GP", "Dispenser", "Healthcare Assistant"],
    weight: 12,
    categories: [["internal", 1]],
  },
];

const firstNames = [
  "Amelia",
  "Ben",
  "Chloe",
  "Daniel",
  "Eleanor",
  "Farah",
  "George",
  "Hannah",
  "Imran",
  "Jess",
  "Kieran",
  "Laura",
  "Mohammed",
  "Niamh",
  "Oliver",
  "Priya",
  "Ruth",
  "Sam",
  "Tom",
  "Zara",
];
const surnames = [
  "Atkinson",
  "Barker",
  "Clarke",
  "Dawson",
  "Ellis",
  "Fenwick",
  "Garside",
  "Hodgson",
  "Ibbotson",
  "Jackson",
  "Kirk",
  "Leadbetter",
  "Marshall",
  "Newby",
  "Oxley",
  "Pickering",
  "Rhodes",
  "Stather",
  "Thornton",
  "Wilkinson",
];
const practiceUsers = [
  "Dr Helen Marsden",
  "Dr Arif Khan",
  "Dr Lucy Petch",
  "Sister Joanne Rudd",
  "Mark Ellerby",
];
const practiceGroups = ["GP Tasks", "Prescriptions", "Admin Team", "Nursing Team", "Results"];

// ---------------------------------------------------------------------------------------------
// Bodies: clinical-admin English per category; `{…}` slots are filled from the lists below.

const drugs = {
  discharge: [
    "apixaban 5mg BD",
    "bisoprolol 2.5mg OD",
    "furosemide 40mg OM",
    "ramipril 2.5mg OD",
    "co-amoxiclav 625mg TDS",
    "enoxaparin 40mg SC OD",
    "lansoprazole 30mg OD",
    "atorvastatin 80mg ON",
    "prednisolone 30mg OD reducing",
    "Oramorph 10mg/5ml PRN",
  ],
  clinic: [
    "dapagliflozin 10mg OD",
    "sacubitril/valsartan 24/26mg BD",
    "ticagrelor 90mg BD",
    "Trimbow inhaler 2 puffs BD",
    "Fostair NEXThaler 1 puff BD",
    "donepezil 5mg ON",
    "semaglutide 0.25mg weekly",
    "clobetasol 0.05% cream",
    "isotretinoin 20mg OD",
  ],
  dressings: [
    "Aquacel Ag+ Extra 10x10cm dressings",
    "K-Two compression bandages",
    "Cavilon barrier cream",
    "Medihoney gel",
    "Mepilex Border 15x15cm",
    "catheter bags (Bard 2 litre)",
    "Conveen sheaths",
    "Tena Pants Plus (size M)",
    "Actico bandages",
    "Flamigel 50g",
  ],
  sharedCare: [
    "methotrexate 15mg weekly",
    "azathioprine 100mg OD",
    "hydroxychloroquine 200mg OD",
    "lithium carbonate 400mg ON",
    "atomoxetine 40mg OD",
    "lisdexamfetamine 30mg OM",
    "leflunomide 20mg OD",
    "mycophenolate 500mg BD",
  ],
};
const tests = [
  "U&Es",
  "FBC",
  "LFTs",
  "HbA1c",
  "TFTs",
  "lipid profile",
  "INR",
  "CRP",
  "ferritin",
  "bone profile",
];
const results = [
  "potassium 5.9 mmol/L",
  "eGFR 38 (previously 52)",
  "HbA1c 81 mmol/mol",
  "ALT 142 U/L",
  "haemoglobin 94 g/L",
  "TSH 11.2 mU/L",
  "INR 4.6",
  "sodium 128 mmol/L",
  "CRP 86",
];
const investigations = [
  "echocardiogram",
  "24 hour tape",
  "CT chest",
  "MRI lumbar spine",
  "ultrasound abdomen",
  "spirometry",
  "nerve conduction studies",
  "DEXA scan",
  "skin biopsy",
  "X-ray of the left wrist",
];
const onward = [
  "the orthopaedic surgeons",
  "the pain clinic",
  "dermatology",
  "ENT",
  "gastroenterology",
  "the falls service",
];
const referralTargets = [
  "the community falls team",
  "dietetics",
  "the memory clinic",
  "podiatry",
  "the respiratory team",
  "the continence service",
  "occupational therapy",
  "audiology",
  "the tissue viability team",
  "social prescribing",
];
const conditions = [
  "right total hip replacement",
  "left wrist fracture",
  "NSTEMI",
  "exacerbation of COPD",
  "lumbar discectomy",
  "community-acquired pneumonia",
  "cellulitis of the right leg",
  "laparoscopic cholecystectomy",
  "decompensated heart failure",
];
const clinics = [
  "Cardiology OPD",
  "the Respiratory clinic",
  "the Diabetes Centre",
  "Rheumatology clinic",
  "fracture clinic",
  "ENT clinic",
];
const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const templates: Record<CorpusCategory, readonly Template[]> = {
  "results-to-patient": [
    (s) =>
      `Patient seen in ${s.clinic} on ${s.recent}. Results of the ${s.investigation} are now available and are normal. Please could you let the patient know the result.`,
    (s) =>
      `Please inform the patient of their ${s.investigation} result. Report attached to the record.`,
    (s) =>
      `${s.investigation} reported ${s.recent}: no significant abnormality. Could the practice please contact the patient to give them the results.`,
    (s) =>
      `Bloods taken in clinic (${s.test}, ${s.test2}) have come back within normal limits. Please can you tell the patient the results as we have no further appointment.`,
  ],
  "act-on-results": [
    (s) => `Bloods taken on ${s.recent} show ${s.result}. Please review and act on results.`,
    (s) =>
      `${s.result} on bloods taken by us on ${s.recent}. Please can GP review these results and adjust medication accordingly.`,
    (s) =>
      `Abnormal result: ${s.result}. We have not made any changes. Please action as appropriate and repeat ${s.test}.`,
    (s) => `Recent bloods showed ${s.result}. Please repeat ${s.test} and act on the result.`,
  ],
  "onward-referral": [
    (s) => `Seen in ${s.clinic} today. Please refer to ${s.onward} for further management.`,
    (s) =>
      `${s.teamName} assessment complete; symptoms not improving. Please could you refer the patient to ${s.onward} for an opinion.`,
    (s) => `Following the ${s.investigation}, please refer on to ${s.onward}.`,
    (s) =>
      `We have discharged the patient from our service. Please refer to ${s.onward} as discussed with the patient.`,
  ],
  "prescription-after-discharge": [
    (s) =>
      `Patient discharged today following ${s.condition}. Started on ${s.dischargeDrug}, only 7 days supplied on TTO. Please prescribe ongoing supply.`,
    (s) =>
      `Discharged from the ward with ${s.dischargeDrug}. Please could you issue a prescription for the remaining course as the TTO was short.`,
    (s) =>
      `On discharge: new medication ${s.dischargeDrug} and ${s.dischargeDrug2}. Please add to repeats and prescribe.`,
    (s) => `Patient went home from the ward without their ${s.dischargeDrug}. Please prescribe.`,
  ],
  "prescription-after-clinic": [
    (s) => `Seen in ${s.clinic} on ${s.recent}. Plan: start ${s.clinicDrug}. Please prescribe.`,
    (s) =>
      `Following clinic review we recommend ${s.clinicDrug}. Please could the GP start this and add to repeats.`,
    (s) => `Clinic letter to follow. Please commence ${s.clinicDrug} as advised in clinic today.`,
    (s) => `Reviewed in clinic: increase to ${s.clinicDrug}. Please issue a prescription.`,
  ],
  "fit-note": [
    (s) =>
      `Patient requires a fit note for ${s.weeks} weeks following ${s.condition}. Please issue a fit note.`,
    (s) =>
      `Please could you extend the patient's fit note for a further ${s.weeks} weeks. They remain unfit for work after their ${s.condition}.`,
    (s) =>
      `Patient asking for a sick note covering their time off since ${s.recent}. Please provide.`,
    (s) =>
      `Please issue a fit note (not fit for work, ${s.weeks} weeks) as we were unable to do so on discharge.`,
  ],
  "referral-request": [
    (s) => `Please could you refer the patient to ${s.referral}.`,
    (s) => `Patient would benefit from ${s.referral}. Please can the GP make a referral.`,
    (s) =>
      `Visited today. Patient struggling at home. Please refer to ${s.referral} and ${s.referral2}.`,
  ],
  "prescription-request": [
    (s) => `Patient needs more ${s.dressing}. Please prescribe.`,
    (s) => `Please add ${s.dressing} to repeats; we will be using these at each visit.`,
    (s) => `Please could you prescribe ${s.dressing} and ${s.dressing2} for the patient.`,
    (s) =>
      `Patient has run out of their ${s.clinicDrug}. Please can you issue a prescription today.`,
  ],
  "clinical-work": [
    (s) =>
      `Please could a GP review the patient's leg ulcer. It is not healing despite ${s.weeks} weeks of compression.`,
    (s) => `Please arrange ${s.test} and ${s.test2} and review.`,
    (s) => `Please can the practice nurse take over the patient's dressings from ${s.weekday}.`,
    () => `Please could the GP do a home visit to review the patient's chest, they sound wheezy.`,
    () => `Please can the practice carry out a medication review and a B12 injection.`,
  ],
  "condition-update": [
    () => `For your information: the patient's mobility has declined and they now need two carers.`,
    (s) => `Update: patient is now on 2L home oxygen following ${s.condition}.`,
    (s) => `Patient's weight has dropped by 4kg since ${s.recent}. Update for your records.`,
    () =>
      `Just to update you that the patient has moved to a care home (Wolds View) and our visits have ended.`,
  ],
  information: [
    (s) =>
      `For information: patient did not attend their appointment on ${s.recent}. Discharged back to GP care.`,
    (s) =>
      `Patient discharged from the ${s.teamName} service having met their goals. No action needed.`,
    (s) => `FYI, patient declined our service when contacted on ${s.recent}.`,
    () => `For information only: we have updated the patient's care plan.`,
  ],
  admin: [
    (s) =>
      `Please update the patient's address on the record, they told us they moved on ${s.recent}.`,
    () => `Please could you confirm the patient's next of kin details.`,
    () => `Please send us a copy of the patient's summary care record and medication list.`,
    () => `Can the practice confirm the patient is still registered with you please.`,
  ],
  "shared-care": [
    (s) =>
      `Patient reviewed in clinic and stable on ${s.sharedDrug}. Please take over prescribing under shared care.`,
    (s) =>
      `We have started ${s.sharedDrug}. Please could you continue prescribing and monitoring (${s.test} and ${s.test2} every 3 months).`,
    (s) =>
      `Please initiate shared care for ${s.sharedDrug}; the shared care agreement was sent by post.`,
    (s) =>
      `Shared care agreed with Dr Marsden on ${s.recent}. Please continue ${s.sharedDrug} as per the protocol.`,
  ],
  internal: [
    (s) => `Please call patient re: ${s.test} results and book a GP appointment.`,
    (s) =>
      `Repeat prescription query: patient asking for ${s.clinicDrug} early as going on holiday.`,
    () => `Please book a BP check with the HCA in 2 weeks.`,
    () => `Patient rang: would like a call back about their fit note.`,
    () => `Medication review due, please book with the clinical pharmacist.`,
    (s) => `Please scan the attached letter from ${s.clinic} into the record.`,
  ],
};

/** Extensive details of care, as some senders paste them from the journal: one coherent case each. */
type CareCase = "wound" | "heart" | "mind" | "diabetes" | "chest";
const careCases: Record<CareCase, readonly string[]> = {
  wound: [
    "Wound to the left lower leg measures 4.5cm x 3cm with moderate exudate and slough; surrounding skin erythematous.",
    "ABPI 0.9 on the right and 0.85 on the left.",
    "Dressing plan: cleanse with saline, Aquacel Ag, secondary dressing, two-layer compression, three times weekly.",
    "Patient reports pain 6/10, worse at night, currently taking paracetamol 1g QDS and codeine 30mg PRN.",
    "Past medical history includes type 2 diabetes, peripheral vascular disease and hypertension.",
    "Allergies: penicillin (rash).",
  ],
  heart: [
    "On examination BP 148/92, pulse 88 irregular, SpO2 95% on air, temperature 37.4.",
    "Bilateral pitting oedema to mid-calf, weight up 2kg since last visit; chest clear on auscultation.",
    "Current medication: furosemide 40mg OM, bisoprolol 2.5mg OD, ramipril 2.5mg OD, apixaban 5mg BD.",
    "Past medical history includes heart failure with reduced ejection fraction (EF 30%), AF and CKD stage 3.",
    "Diagnosis and fluid restriction discussed with patient and daughter.",
    "Echo in March showed moderate mitral regurgitation.",
  ],
  mind: [
    "Mood low, sleeping poorly, PHQ-9 score 16 and GAD-7 score 12.",
    "No thoughts of self-harm expressed today; protective factors are family and pets.",
    "Current medication: sertraline 100mg OD, previously tried citalopram and mirtazapine.",
    "Past history of two admissions under the Mental Health Act, last in 2019.",
    "Risk assessment completed; care plan reviewed with the patient.",
  ],
  diabetes: [
    "Blood glucose readings 14-18 mmol/L over the past week; HbA1c 81 mmol/mol in clinic.",
    "Current medication: metformin 1g BD, gliclazide 80mg BD, atorvastatin 20mg ON.",
    "Feet checked: reduced sensation to monofilament bilaterally, pulses palpable.",
    "BMI 34, BP 152/88; diet and exercise discussed.",
    "Retinal screening due next month.",
  ],
  chest: [
    "Productive cough with green sputum for 5 days, increased breathlessness, MRC grade 4.",
    "SpO2 91% on air (usual 93%), respiratory rate 24, temperature 37.9, crackles at the right base.",
    "Rescue pack of amoxicillin and prednisolone started on our visit.",
    "Current inhalers: Trimbow 2 puffs BD and salbutamol PRN.",
    "Past medical history includes COPD (FEV1 38% predicted) and type 2 diabetes.",
  ],
};
const journal = [
  (when: string) => `Please see my recent journal entry which contains actions (${when}).`,
  (when: string) => `Please see journal entry ${when} for details.`,
  (when: string) => `Full details are in my journal entry dated ${when}.`,
];
const timeframes = [
  "within the next 7 days",
  "in 6 weeks",
  "by tomorrow",
  "within 48 hours",
  "within 2 weeks",
  "in 3 months",
  "by the end of the week",
  "within the next 5 working days",
  "in 4 weeks' time",
  "today",
];
const urgentPrefixes = ["URGENT:", "Urgent -"];
const urgentSuffixes = ["Please action ASAP.", "Needs doing today please.", "Urgently required."];
const notUrgentBits = [
  "Not urgent.",
  "Non-urgent.",
  "No rush with this one.",
  "Routine request, not urgent.",
];
const safetyBits = [
  "Safeguarding concern raised by the family, please be aware.",
  "Patient deteriorating at home and at risk of falls.",
  "Patient disclosed thoughts of self-harm at the visit.",
  "Complaining of chest pain on exertion today.",
  "Concerned about possible sepsis; advised to call 999 if worse.",
];
const greetings = ["", "", "", "Hi, ", "Dear GP, ", "Hello, ", "Good morning, "];
const closings = [
  "",
  "",
  "",
  " Thanks.",
  " Many thanks.",
  " Thank you.",
  " Kind regards.",
  " Any queries please contact us via SystemOne or on the team number.",
];

// ---------------------------------------------------------------------------------------------
// Dates: London calendar time, December 2025 to November 2026, across both clock changes.

const london = "Europe/London";
const start = Date.UTC(2025, 11, 1);
const end = Date.UTC(2026, 10, 30);
const dayMs = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A London wall-clock time as an ISO instant, either `Z` or with London's own offset. */
function instant(local: TZDate, withOffset: boolean): string {
  if (withOffset) return local.toISOString().replace(".000", "");
  return new Date(local.getTime()).toISOString().replace(".000Z", "Z");
}

function londonDate(date: TZDate, addDays: number): TZDate {
  return new TZDate(date.getFullYear(), date.getMonth(), date.getDate() + addDays, 12, 0, london);
}

function isoDay(date: TZDate): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function ukDay(date: TZDate): string {
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

function sendingTime(random: Random): TZDate {
  // A few tasks land on the clock-change nights and near midnight, to exercise London calendar
  // dates. They are given as instants: a London wall-clock time that is ambiguous (01:30 on 25
  // October) would resolve differently under different process time zones.
  const special = random.chance(0.012);
  if (special) {
    return random.pick([
      new TZDate(Date.UTC(2026, 2, 29, 0, 40), london), // 00:40 GMT, before the clocks go forward
      new TZDate(Date.UTC(2026, 2, 29, 2, 15), london), // 03:15 BST, after
      new TZDate(Date.UTC(2026, 9, 24, 23, 50), london), // 00:50 BST on 25 October
      new TZDate(Date.UTC(2026, 9, 25, 1, 30), london), // the second 01:30, GMT
      new TZDate(Date.UTC(2026, 5, 30, 22, 45), london), // 23:45 BST: 30 June in London
      new TZDate(Date.UTC(2026, 0, 31, 23, 55), london),
    ]);
  }
  for (;;) {
    const day = new TZDate(
      start + Math.floor(random.next() * ((end - start) / dayMs + 1)) * dayMs,
      london,
    );
    const weekday = day.getDay();
    if ((weekday === 0 || weekday === 6) && !random.chance(0.08)) continue;
    const hour = random.weighted([
      [8, 3],
      [9, 6],
      [10, 7],
      [11, 7],
      [12, 5],
      [13, 5],
      [14, 7],
      [15, 7],
      [16, 6],
      [17, 4],
      [18, 2],
      [19, 1],
      [21, 1],
      [23, 1],
    ] as const);
    return new TZDate(
      day.getFullYear(),
      day.getMonth(),
      day.getDate(),
      hour,
      random.int(0, 59),
      random.int(0, 59),
      london,
    );
  }
}

// ---------------------------------------------------------------------------------------------

interface Draft {
  team: Team;
  sent: TZDate;
  category: CorpusCategory;
}

function fill(random: Random, team: Team, sent: TZDate): Slot {
  const recent = londonDate(sent, -random.int(1, 20));
  return {
    clinic: team.place ?? random.pick(clinics),
    recent: ukDay(recent),
    investigation: random.pick(team.investigations ?? investigations),
    test: random.pick(tests),
    test2: random.pick(tests),
    result: random.pick(results),
    onward: random.pick(team.onward ?? onward),
    dischargeDrug: random.pick(drugs.discharge),
    dischargeDrug2: random.pick(drugs.discharge),
    clinicDrug: random.pick(team.clinicDrugs ?? drugs.clinic),
    dressing: random.pick(drugs.dressings),
    dressing2: random.pick(drugs.dressings),
    sharedDrug: random.pick(team.sharedDrugs ?? drugs.sharedCare),
    condition: random.pick(team.conditions ?? conditions),
    weeks: String(random.pick([2, 4, 6, 8, 12])),
    referral: random.pick(referralTargets),
    referral2: random.pick(referralTargets),
    weekday: random.pick(weekdays),
    teamName: team.team,
  };
}

function body(random: Random, draft: Draft): { text: string; urgentLanguage: boolean } {
  const { team, sent, category } = draft;
  const internal = category === "internal";
  const parts: string[] = [];
  const urgentLanguage = !internal && random.chance(0.06);
  const greeting = random.pick(
    sent.getHours() < 12 ? greetings : greetings.filter((g) => !g.includes("morning")),
  );
  const opening = random.pick(templates[category])(fill(random, team, sent));
  // After "Hi, " a sentence goes on in lower case, unless it opens with an acronym (FYI, MSK).
  const lower = greeting !== "" && /^[A-Z][a-z]/.test(opening);
  const first = greeting + (lower ? opening[0]?.toLowerCase() + opening.slice(1) : opening);
  if (urgentLanguage && greeting === "" && random.chance(0.5)) {
    parts.push(`${random.pick(urgentPrefixes)} ${first}`);
  } else {
    parts.push(first);
    if (urgentLanguage) parts.push(random.pick(urgentSuffixes));
  }
  if (team.careCases !== undefined && random.chance(0.13)) {
    // Extensive details of care pasted into the task instead of the journal.
    const details = careCases[random.pick(team.careCases)];
    parts.push(...details.slice(0, random.int(4, details.length)));
  }
  if (!internal && random.chance(0.22)) {
    const timeframe = random.pick(timeframes);
    parts.push(
      random.pick([
        `Please action ${timeframe}.`,
        `This needs doing ${timeframe}.`,
        `Required ${timeframe} please.`,
        `Ideally ${timeframe}.`,
      ]),
    );
  }
  if (!internal && random.chance(0.03)) parts.push(random.pick(safetyBits));
  if (random.chance(0.07)) parts.push(random.pick(notUrgentBits));
  if (!internal && random.chance(0.3)) {
    // Journal entries are written in working hours, earlier the same day or the day before.
    const sameDay = sent.getHours() >= 9 && random.chance(0.7);
    const day = londonDate(sent, sameDay ? 0 : -1);
    const latest = sameDay
      ? Math.max(sent.getHours() * 60 + sent.getMinutes() - 5, 8 * 60)
      : 17 * 60 + 59;
    const minute = random.int(8 * 60, latest);
    const when = `${ukDay(day)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
    parts.push(random.pick(journal)(when));
  }
  const text = parts.join(" ") + (internal ? "" : random.pick(closings));
  return { text, urgentLanguage };
}

function taskId(random: Random, team: Team, sequence: number, sent: TZDate): string {
  // Most ids look like SystmOne's numeric ids; a few carry a provider's own reference, with
  // slashes and spaces, as some integrations do (the CLI must make file names safe from them).
  if (team.kind !== "gp-practice" && random.chance(0.02)) {
    const initials = team.team
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .toUpperCase();
    return `${team.odsCode ?? "EXT"}/${initials}/${sent.getFullYear()}/${pad(random.int(1, 99))}${sequence}`;
  }
  return String(40_000_000 + sequence * 37 + random.int(0, 36));
}

function person(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(surnames)}`;
}

/** The category a sender's system might have coded: only the default categories can be coded. */
function codedCategory(category: CorpusCategory): Category | undefined {
  if (category === "internal") return "admin";
  if (category === "shared-care") return "prescription-after-clinic";
  return category;
}

/**
 * Generates the corpus: tasks in sending order, each valid against `taskSchema`.
 *
 * @param options - `seed` and `count` (defaults: {@link corpusDefaults})
 * @returns the tasks, as a caller would send them (defaults not applied)
 * @example generateCorpus({ seed: 1, count: 3 }).length // 3
 */
export function generateCorpus(options: { seed?: number; count?: number } = {}): TaskInputRaw[] {
  return Array.from(corpusTasks(options));
}

/**
 * Generates the corpus lazily, one task at a time, so a large corpus never sits in memory.
 * Tasks come out in sending order within blocks of 1,000.
 *
 * @example corpusTasks({ count: 2 }).next().value.recipient.unit // "Example Surgery"
 */
export function* corpusTasks(
  options: { seed?: number; count?: number } = {},
): Generator<TaskInputRaw> {
  const seed = options.seed ?? corpusDefaults.seed;
  const count = options.count ?? corpusDefaults.count;
  const block = 1000;
  for (let from = 0; from < count; from += block) {
    const random = new Random(seed + from);
    const size = Math.min(block, count - from);
    const drafts: Draft[] = [];
    for (let i = 0; i < size; i++) {
      const team = random.weighted(teams.map((t) => [t, t.weight] as const));
      drafts.push({ team, sent: sendingTime(random), category: random.weighted(team.categories) });
    }
    drafts.sort((a, b) => a.sent.getTime() - b.sent.getTime());
    for (const [i, draft] of drafts.entries()) yield task(random, draft, from + i + 1);
  }
}

function task(random: Random, draft: Draft, sequence: number): TaskInputRaw {
  const { team, sent, category } = draft;
  const internal = category === "internal";
  const { text, urgentLanguage } = body(random, draft);

  const assignment = internal
    ? random.weighted([
        ["user", 5],
        ["group", 4],
        ["unassigned", 1],
      ] as const)
    : random.weighted([
        ["unassigned", 11],
        ["user", 5],
        ["group", 4],
      ] as const);
  const recipient: TaskInputRaw["recipient"] = { unit: corpusPractice.unit, assignment };
  if (assignment === "user") recipient.assignee = random.pick(practiceUsers);
  if (assignment === "group") recipient.assignee = random.pick(practiceGroups);

  const sender: TaskInputRaw["sender"] = {
    organisation: team.organisation,
    unit: team.unit,
    team: team.team,
    name: person(random),
    role: random.pick(team.roles),
    kind: team.kind,
  };
  if (team.odsCode !== undefined) sender.odsCode = team.odsCode;
  // Some senders' feeds leave out optional fields.
  if (random.chance(0.05)) delete sender.team;
  if (random.chance(0.1)) delete sender.role;
  if (team.kind === "nhs-provider" && random.chance(0.15)) delete sender.kind;

  const out: TaskInputRaw = {
    id: taskId(random, team, sequence, sent),
    sentAt: instant(sent, random.chance(0.3)),
    sender,
    recipient,
    body: text,
  };
  if (random.chance(0.93)) {
    const digits = testNhsNumber(random.next);
    // Feeds write NHS numbers with and without the usual 3-3-4 spaces.
    out.patient = {
      nhsNumber: random.chance(0.4)
        ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
        : digits,
    };
  }
  if (random.chance(internal ? 0.03 : 0.07) || (urgentLanguage && random.chance(0.5)))
    out.urgent = true;
  if (!internal && random.chance(0.22)) {
    const days = random.weighted([
      [-3, 1],
      [0, 2],
      [1, 3],
      [3, 3],
      [7, 4],
      [10, 2],
      [13, 2],
      [14, 2],
      [15, 2],
      [21, 3],
      [28, 4],
      [42, 3],
      [90, 2],
    ] as const);
    const due = londonDate(sent, days);
    out.dueBy = random.chance(0.7)
      ? isoDay(due)
      : instant(new TZDate(due.getFullYear(), due.getMonth(), due.getDate(), 17, 0, london), true);
  }
  const coded = codedCategory(category);
  if (coded !== undefined && !internal && random.chance(0.18)) out.category = coded;
  return out;
}

const usage = `Usage: npx tsx scripts/generate-corpus.ts [options] [> file.jsonl]

Writes synthetic SystmOne tasks, one JSON object per line, to stdout (or --out).

Options:
  --count <n>    how many tasks (default ${corpusDefaults.count})
  --seed <n>     the PRNG seed (default ${corpusDefaults.seed}, the committed corpus)
  --out <file>   write to this file instead of stdout; refuses an existing file
  --force        with --out, overwrite an existing file (examples/corpus.jsonl is committed)
  -h, --help     this help

Examples:
  npx tsx scripts/generate-corpus.ts --count 100000 > .tmp/big.jsonl
  npx tsx scripts/generate-corpus.ts --out examples/corpus.jsonl --force`;

async function main(argv: string[]): Promise<number> {
  let values: { count?: string; seed?: string; out?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        count: { type: "string", default: String(corpusDefaults.count) },
        seed: { type: "string", default: String(corpusDefaults.seed) },
        out: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    process.stderr.write("--count must be a positive integer and --seed an integer\n");
    return 2;
  }
  const file = values.out !== undefined && values.out !== "-" ? values.out : undefined;
  if (file !== undefined && existsSync(file) && !values.force) {
    process.stderr.write(`${file} exists: add --force to overwrite it\n`);
    return 2;
  }
  const out = file === undefined ? process.stdout : createWriteStream(file);
  for (const record of corpusTasks({ seed, count })) {
    if (!out.write(`${JSON.stringify(record)}\n`)) {
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  if (out !== process.stdout) {
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    process.stderr.write(`wrote ${count} tasks to ${file}\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
