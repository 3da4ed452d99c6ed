import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGuard, type PracticePolicyInput, type TaskInputRaw } from "../../src/index.js";
import { defaultRuleset } from "../../src/rules/default.js";

const folder = join(import.meta.dirname, "..", "labelled", "probes");
const guard = createGuard({
  practice: defaultRuleset().examples.practice as PracticePolicyInput,
});

/**
 * Bodies still not flagged, by the class behind them: a former partner at the door without a
 * word of danger, a weekday before "deadline", a clock time
 * with no lead word ("the school run at 3") or after "won't", "in the morning" meaning
 * tomorrow, a result whose
 * value comes a whole clause after its name, platelets of 48 in late pregnancy (below the
 * ruleset's critical limit of 20, flagged by its writer for HELLP), a pharmacist's query about
 * a medicine contraindicated at the patient's kidney function, which names neither danger nor
 * urgency, a new anticoagulant with no clinic arranged to check it, a dispensing error told
 * only by its numbers (50mg tablets for a 5mg dose), one patient supplied by two pharmacies,
 * medicines left unopened told two sentences from the medicines' names, a sedative given three
 * times over its dose, told only by its numbers, methotrexate two sentences from the sore
 * throat and mouth ulcers it warns of, a 14-year-old with a 22-year-old boyfriend,
 * iron-deficiency anaemia in an older man
 * told only by its numbers, a PSA whose earlier value comes first, a patient told to get a
 * prescription from the GP today, a fit note that ran out yesterday, and a prescription
 * wanted before an event tomorrow (a colonoscopy, a school trip) asked only as a question or
 * a worry. From the probes added in the round of December 2026: a patient's paranoid
 * threat to "deal with" intruders nobody else sees, an INR of 8.6 told a sentence after its
 * name, weight loss with an Hb of 74
 * (above it too), twins left with an 11-year-old, a patient taking 12 co-codamol a day, two
 * loop diuretics at once with a fall, a week of enoxaparin not given, a
 * breathless patient with a swollen leg whose anticoagulant may not have been restarted. From the probe ZT (December 2026): the wrong
 * insulin given for three nights told with a sugar of 3.0, a baby's spiral fracture written
 * with "#", a baby given a child's paracetamol six times a day, and a second 14-year-old with a
 * 22-year-old boyfriend. From the probe ZU: adrenaline pens wanted "today" before a trip "in the
 * morning", a third early request for oxycodone "each time says lost" (other writers label
 * early requests routine), and blood in the stools told as "had blood in them". From the
 * probes ZZA and ZZB (December 2026): a sodium of 121 against a baseline of 132 (a fall the
 * critical limits do not read), and an INR of 9.2 a whole clause after its name. From the
 * probes ZZI and ZZJ (the tenth round of 5 December 2026): a threat to "sort out" a former
 * partner's new partner, a 15-year-old whose boyfriend is 24 (an age gap told only by numbers),
 * a potassium written "Kalium 6,8" with a decimal comma, a warfarin dose of 50mg "surely 5mg",
 * a fast broad rhythm on a phone app, runs of NSVT after a beta blocker was stopped (other
 * writers label NSVT routine), methotrexate not to be
 * supplied without bloods (the like words flagged four tasks labelled routine), a potassium of
 * 6.1 and a haemoglobin of 71 (above the critical limits), a tenfold levothyroxine label, and a
 * potassium of 6.4 whose repeat of 6.8 is told in the next clause; from ZZL, a grade 3 pressure
 * ulcer not in the discharge letter (grade 3 alone flagged 26 tasks labelled routine). From
 * the probe ZZN: four needs due today or tomorrow told only in a statement, with no asking word
 * and none of the review-only timing words (`phrases.dueSoonWords`), such as "the form is due
 * first thing Monday ... so
 * basically today", and a deadline inside a condition ("if I don't get a doctors letter in by
 * tomorrow"). From the probe ZZZB of the eleventh round: a course's next dose due since "last
 * dose given 6am today", a call wanted "in the morning before 10", and a result promised "back
 * today" (reading "last dose given" flagged three tasks labelled routine); from ZZZF, an
 * injection wanted on the day of discharge, "rx for clexane pls pt d/c today" ("d/c today" is
 * the day of the discharge, as in many routine tasks); from ZZZG and ZZZI, a bilirubin of 180
 * and an ALP of 900 with the patient still to be told (below the critical limits; "hasn't been
 * told yet" flagged two tasks labelled routine), and a glucose of 24 on dexamethasone (the
 * critical limit is 25); from ZZZL, a blood gas with a pCO2 of 9.8 sent for information after
 * admission (a critical pCO2 of 8 flagged discharge summaries that tell of it as history); from
 * ZZZP, warfarin a hospital wants "stopped from today", told as its wish, not an ask; from
 * ZZZV, a court's capacity assessment "to be filed by 4pm tomorrow", told as the court's
 * direction ("by 4pm tomorrow" in a statement is another's plan more often than a need).
 * From the probes of the twelfth round (ZZZW to ZZZZ): pelvic infection with a fever of 39
 * told by a patient, a 16-year-old made pregnant by a 30-year-old (an age gap told only by
 * numbers), periods stopped in a woman who cannot speak for herself, and from the probe of
 * results and medicines told by numbers, rivaroxaban at a creatinine clearance of 13 (reading
 * it read a dose after "reduced to" as a clearance), ramipril, losartan and spironolactone together with a
 * potassium of 6.4 (below the critical 6.5; ramipril with losartan flagged 22 tasks labelled
 * routine, each a switch from one to the other), amiodarone left at its loading dose with an ALT of 312, a pneumothorax
 * (flagged two tasks labelled routine), and digoxin with amiodarone and a heart rate of 48
 * (flagged a routine query about a discharge letter). From the probes written after the
 * round's changes (ZZZZA to ZZZZD): an injection to start "tomorrow before my operation" with
 * no prescription, told as a worry; iron deficiency in a man of 71 told only by its numbers;
 * a tacrolimus level of 24 three sentences from the clarithromycin that raised it; a threat
 * to "sort out" a neighbour ("sort out" alone flagged four tasks labelled routine); an EPDS of
 * 22 written with its value before its name; and a child's asthma with an HDU admission told
 * as history ("HDU" flagged six tasks labelled routine). Three deadlines this file sends on a
 * Monday but whose writers meant later in the week: "before the weekend" twice and "by Fri am"
 * on a Thursday. Sent on the Thursday or Friday, each is read as due today or tomorrow and
 * flagged; read as urgent on any day, "before the weekend" and "by _ am" flagged 23 tasks
 * labelled routine, most sent early in the week, so the calendar decides.
 * From the probes written at the thirteenth round's start (ZZZZE to ZZZZH): falls after a new
 * blood pressure tablet told as a daughter's worry, a 14-year-old's ninth reliever inhaler with
 * no preventer collected, a 4-week-old admitted with "?apnoea" (apnoea alone flagged 14 tasks
 * labelled routine), a bleach splash to the eye with a pH of 9 (bleach beside an eye flagged a
 * chemical injury its writer labelled routine), and an INR of 9.2 four words after "coming".
 * From the probes written after that round's first changes (ZZZZI to ZZZZL): "I won't bother"
 * about another winter in a damp flat (alone, too common in routine words to read), a digoxin
 * level of 3.4 written after the bare name (a digoxin limit read doses such as "62.5mcg" as
 * levels and flagged 14 tasks labelled routine), thyrotoxicosis told only by a TSH and a free T4,
 * hypoglycaemia told as "14 lows", weight falling from 52.3 to 47.8 kg with a MUST of 3 ("MUST 3"
 * flagged 14 tasks labelled routine), a potassium of 6.1 with a BNP of 5600 (below the critical
 * limits), a newborn's weight 16% below birth weight told only by its numbers, a post-void residual
 * of 950 ml, a newborn pulse oximetry screen of 92% with "screen:" between name and value,
 * nephritis in a child told by a dipstick and a blood pressure of 178/108, and warfarin dispensed
 * to the wrong patient ("dispensed ... in error" flagged one task labelled routine).
 * From the probes written after the round's last change to reading (ZZZZM to ZZZZP): an ACE
 * inhibitor at a pregnancy booking ("ramipril" or "lisinopril" with "booking" flagged 17 tasks
 * labelled routine), rescue medicines expired before a day away ("epi pen" with "expired" flagged
 * nine tasks labelled routine, buccal midazolam one probe's routine body), edoxaban at full dose with an eGFR of 18 and a weight of 49 kg
 * told only by numbers, an infant's antibiotic dose queried as "seems high", capecitabine with
 * diarrhoea six or seven times a day ("capecitabine" with "diarrhoea" flagged one), paracetamol
 * 1 g four times a day at 38 kg ("only weighs" flagged one), a child's reliever used four times
 * in a week with breathlessness, a 13-year-old's overdose told as "taking 30 sertraline", a
 * child not brought to cardiology follow-up three times, and a 2.3 cm pancreatic lesion on CT,
 * "not yet discussed with pt", told in an addendum to a routine clinic letter.
 * From the probes of the fourteenth round (ZZZZQ to ZZZZT): new confusion in an old man told as
 * "thinking it was the 70s"; visible haematuria told as "bright red" wee; a former partner
 * who will "take them with her"; flecainide with clarithromycin and palpitations; metformin at an
 * eGFR of 22 with vomiting; ibuprofen at ten times a child's dose told only by numbers; valproate
 * at a pregnancy booking ("epilim" with "booking" flagged a routine repeat); and nine needs due
 * today or tomorrow told in a statement with no asking word: a residential trip "tmrw", a dose
 * wanted before the 6pm round, a report "due back by 17/11/2026", a script that "ends Tuesday",
 * a patch change "due Tues", a quoted "ring pt today", a result promised "by Monday", tonight's
 * dose short, and a deadline written "2026-11-17 17:00"; and two labelled routine by other
 * writers in like words (a 29/40 urine resistant to the antibiotic started, and weight down 8 kg
 * in two months: "wt down _ kg" flagged 12 tasks labelled routine). From the probes written
 * after that round's last change to reading (ZZZZU to ZZZZX): a potassium written "pot. 6,8"
 * with a decimal comma, iron deficiency in a man of 74 told only by numbers, a 13-year-old with
 * a 19-year-old partner (an age gap told only by numbers), and repeats "lost" three times in ten
 * days ("keeps losing them" flagged a routine body of a probe). From the probes of the fifteenth
 * round (ZZZZY, very short shorthand; ZZZZZ, what patients said, passed on by non-clinical
 * staff): eight needs due today or tonight: an asking verb after a comma ("furosemide now 80mg
 * OM, amend rx today"; reading one as an ask lost 54 asks), a need told as a statement ("needs
 * fluclox started today", "next dose due 18:00 tonight"), a clock time alone ("by 1700h",
 * "before 6", "ideally by lunch"), "TODAY -" as a heading and "before tonight's feed"; and
 * two farewells told without a word of harm ("the last time you'll need to come", "I'm done").
 * From ZZZZZA (red flags in lay words) and ZZZZZB (medicines and results by numbers), written
 * after those: visible haematuria told as "bright red" wee (again), a change of bowel habit
 * with pallor at 64, and doses wrong only by their numbers (tenfold labels "should be 400",
 * "surely 10", methotrexate "OD", alendronic acid "ONE DAILY", two anticoagulants in one pack,
 * warfarin 3 mg and 5 mg "both set to one daily", a dose beside what "his notes say"): reading "should be", "surely", "daily" or "notes say"
 * with a dose flagged 134 tasks labelled routine. Also a colchicine overdose by hourly dosing, a
 * treatment dose of enoxaparin at an eGFR of 18, potassium supplements with a potassium of 6.4,
 * ibuprofen for a 9 kg toddler by its volume, a PD patch, ticagrelor, enoxaparin and
 * rapid-acting insulin left off a discharge ("not supplied" and like words flagged 16 routine
 * discharges), and a
 * child's prednisolone dose above its maximum. From ZZZZZC (children and families: 7 of 150
 * missed on arrival, all now read) and ZZZZZD (a year's must-read-today tasks: 3 of 150): a
 * form "has to be re-signed by a GP today" (a need told in the passive, with no asking word),
 * and supplies wanted "before the weekend" on a Monday (four days on: no deadline of today or
 * tomorrow, though its writer flagged it). From ZZZZZE (a year's must-read tasks, 1 of 150
 * missed on arrival, now read) and ZZZZZF (abuse, exploitation and risk to others told
 * indirectly: 38 of 150 on arrival, the largest gap of the fifteenth round), two age gaps told
 * only by numbers (a 15-year-old whose baby's father is 31, a 14-year-old with a boyfriend of
 * 24), as in earlier rounds. From the sixteenth round's first probes, ZZZZZI (neglect and
 * hidden deterioration told by people who are not clinicians: 16 of 150 missed on arrival, all
 * now read) and ZZZZZJ (physical red flags in lay words: 12 of 150): three hypoglycaemias in a
 * week on gliclazide told by a pharmacist ("3 hypos", "hypos this week" flagged nine routine
 * tasks where a diabetes nurse had already cut the dose). From ZZZZZM (deadlines of today or
 * tomorrow told every way: 7 of 150 on arrival) and ZZZZZN (an audit sample of a year's
 * must-read tasks: 7 of 150): a visit asked "today" in the clause after a condition ("ring back
 * if no better by tonight - so the DN is asking for a visit today"; the condition reaches the
 * rest of its sentence, and "visit today" alone flagged 104 routine tasks). From the seventeenth
 * round's probes, ZZZZZW (administration with the point in an aside: 5 of 150 missed on
 * arrival), ZZZZZX (abnormal numbers told every way: 14), ZZZZZY (children and adults at risk
 * from others, told by people who notice: 38) and ZZZZZZ (older people's deterioration in
 * carers' words: 3), still missed: a list of readings after the time of each ("94 yesterday,
 * 90 at 7am, 85 at noon"), a value after "and it was", a home monitor's 211/118 with no test
 * named, "systolic 76" ("systolic" alone read "32mmHg systolic, 2 falls" as a value of 2),
 * results above a reference range but below the critical limit (a troponin of 86, a CRP of
 * 190), an INR in the sentence after its name, breathlessness again after readmissions with
 * fluid overload, and two of ZZZZZY's: a son who keeps his mother's morphine, and a man with "no PR"
 * asking for children's records (the "no" reads as a negation). ZZZZZZA, written after the
 * variants for ZZZZZY (harm from others told in passing by people who notice it), missed 26 of
 * 150 with the rules the round began with and 24 after them: the variants did not carry to a
 * new writer's words, and all 24 are named here. Later probes of the round: ZZZZZZB (numbers in
 * lists, trends, words and units) 2 of 150 on arrival, ZZZZZZC (must-read points made in
 * passing) 3, ZZZZZZD (deadlines told in statements, reminders and chasers) 23, of which nine
 * are still missed ("the court date is actually tomorrow", supplies that "stop after tomorrow
 * unless" a script is sent), ZZZZZZF 1, ZZZZZZG (mental health crisis told by people who are
 * not mental health staff) 16, of which one is still missed (walking to the Humber Bridge
 * every night "just thinking"), ZZZZZZH 3 and ZZZZZZI (medicines by names and numbers) 5, of
 * which two are still missed (hypos of 1.9 after levofloxacin with gliclazide, a 3-year-old
 * given 400 mg ibuprofen tablets).
 *
 * The eighteenth round's first probes: ZZZZZZJ (harm from others told in passing by people who
 * notice it, a fourth writer on the theme) missed 38 of 150 on arrival, as ZZZZZY had. The
 * round then read such tasks as a pair of word groups in one sentence or the next
 * (`wordGroups["hidden-harm"]` beside `wordGroups["at-risk-person"]`), at no cost on any
 * labelled task; 13 of the 38 are still missed and named here, among them a whisper "don't
 * tell him" four sentences after the son who is the carer, a forced marriage told as "taken to
 * Pakistan to get married", and exploitation told only as "intoxicated" with "several adult
 * men". ZZZZZZK (deterioration and red flags told by people who are not clinicians) missed 2
 * on arrival (loss of control "of her bladder", blood in a stool told as "bright red"); both
 * are now read. The word groups also read three earlier known misses: a child's whisper that
 * "dad threw my inhaler in the bin", a threat to "sort out" a former partner's new partner
 * "then laughed it off", and a school that "wont let him" go on a trip without adrenaline pens.
 * ZZZZZZL, written after the word groups on the same theme, missed 33 of 150 with the rules the
 * round began with and 29 with the word groups: they carried to 4. The round then read words in
 * quotation marks as someone's own words, for a person to read (`reading.quotedWords`, with
 * `phrases.quotedMessages` for a quoted message or label): ZZZZZZL's misses fell to 16, and 39
 * bodies of earlier probes missed before are read (18 of ZZZZZZA's), at the cost of 64 of the
 * 12,164 bodies written before it to need no review, and one labelled routine task. ZZZZZZM (suspected
 * cancer and serious illness told by people who are not specialists) missed 8 on arrival; 7
 * are now read. The misses named below are those left: most of ZZZZZZL's tell harm from
 * others in words no list holds ("sat on the resident and forced food into her mouth", "a
 * different friend each time" collecting a patient's diazepam). Two probes written after both
 * changes: ZZZZZZN (risk to self and others told by whoever noticed it, a sixth writer on the
 * theme) missed 18 of 150 with the rules the round began with and 5 with those of its
 * commission (c9984d5), the first such probe on which the round's changes carried; ZZZZZZO (a
 * year's must-read tasks) 3 of 150, alike with both. ZZZZZZN's five (a cut lip on a third
 * police call-out, calloused knuckles with weight loss, a chair taken away, a list of "people
 * who've wronged me", a partner who answers every call) and ZZZZZZO's metformin at an eGFR
 * of 22 (an eGFR below 30 on metformin flagged 27 tasks labelled routine) are named here. The
 * last two, written after every change to reading before them: ZZZZZZP (harm from others and
 * neglect, a seventh writer on the theme) missed 27 of 150 with the round's starting rules and
 * 17 with those of its commission (4f6cf75); ZZZZZZQ (a winter's must-read tasks in every
 * writer's habits) 6, alike. Of those, 6 and 2 are still missed and named here (a scam told as
 * a "lottery", neglect told as a broken stairlift and a commode emptied once a day, a child
 * without hearing aids for a year, a bathroom barred by a son, parents who rarely visit a child
 * with faltering growth, a pension taken; a haemoglobin trend told by month, warfarin and
 * apixaban taken together: reading two anticoagulants in one task flagged 61 switches labelled
 * routine). Two probes written after every change of the round (d482efb): ZZZZZZR (harm,
 * neglect and exploitation told by whoever noticed, an eighth writer on the theme) missed 32 of
 * 150 with the round's starting rules and 14 with its final ones; ZZZZZZS (must-read points
 * that are a number, a date or a time) 18, alike with both. Their misses were not read into
 * the lists but for one class (a tacrolimus level of 20 or more): 14 and 17 are named here.
 * Measured and not taken for ZZZZZZS: a digoxin level of 2.0 or 3.0 or more (it read a dose
 * after the level, "dose reduced to 62.5mcg", and flagged up to seven tasks labelled routine)
 * and a weight a sixth below an earlier one (it read "creat was 140" as the earlier weight).
 * Since another analyte's name ends the search for a value, that weight is read, and with it two
 * of ZZZZZZS's bodies. Fourteen probes written in the nineteenth round (6 December 2026), each
 * scored on arrival with the round's starting rules and those of its commission, alike: ZZZZZZT
 * (specialist jargon) missed 19 of 150, ZZZZZZU (people who cannot speak up) 4, ZZZZZZV
 * (pharmacy) 8, ZZZZZZW (danger told as routine) 5, ZZZZZZX (pregnancy and infancy) 5,
 * ZZZZZZY (111, out of hours and ambulance) 3, ZZZZZZZ (writers who hedge) 2, ZZZZZZZA
 * (other professions who notice) 1, ZZZZZZZB (children and young people) 4, ZZZZZZZC (the
 * point once in a long letter) none, ZZZZZZZD (danger in an administrative wrapper) 2,
 * ZZZZZZZE (adults at risk from themselves) 10, ZZZZZZZF (a busy practice's year) 2 and
 * ZZZZZZZG (older and frail people) 2. Eight are still missed and named here: bowel preparation
 * that "must start 18:00 today" beside an ask, an adult paracetamol dose prescribed for a
 * two-year-old told only by its numbers, a double dose in a compliance pack told with a fall
 * and "our error" two sentences away, a child's dental neglect told as toothbrushes the family
 * cannot afford ("can't afford" flagged 16 tasks labelled routine), and a discharge "tonight"
 * after "we've only given 2" (read as a statement of what was done); from ZZZZZZZE, a copy of the
 * records wanted before she "goes" (one quoted word), and a man sleeping in a doorway with
 * ulcerated legs, drinking heavily and refusing hospital; from ZZZZZZZG, a man on rivaroxaban who
 * tripped and grazed his knee and "seems fine" (a fall on an anticoagulant without a head
 * injury is routine to most writers). Fourteen probes written in the twentieth round (6 December
 * 2026), each scored on arrival with the round's starting rules and those of its commission,
 * alike: ZZZZZZZH (high-risk medicines) missed 3 of 150, ZZZZZZZI (terse lines) 8, ZZZZZZZJ
 * (results and numbers) 2, ZZZZZZZK (mental health, abuse and safeguarding told indirectly) 2,
 * ZZZZZZZL (non-clinical senders in lay words) 3, ZZZZZZZM (one line in a long letter) 1,
 * ZZZZZZZN (acute illness told calmly) 3, ZZZZZZZO (deadlines of today or tomorrow) 12,
 * ZZZZZZZP (a practice's year) 2, ZZZZZZZQ (infants, children and pregnancy) 1, ZZZZZZZR (any
 * sender) 2, ZZZZZZZS (hedged and second-hand) 5, and, written after every change to how asks
 * are read, ZZZZZZZT (a winter month) 2 and ZZZZZZZU (danger underplayed) 1. Four are still
 * missed and named here: an INR not done for months with "high risk" a sentence after "no INR",
 * an EpiPen after "Ana to peanut" (a name as often as anaphylaxis), a nursery form needed before a
 * child "can't start tomorrow" (negated) with a collection "today if it's ready" (a condition),
 * and a patient at another hospital "NOW". Four probes written in the twenty-ninth round (7
 * December 2026), scored on arrival with the round's starting rules: ZZZZZZZZZZZZZV (breathing and
 * the chest) missed 18 of 150, ZZZZZZZZZZZZZW (pregnancy and just after birth) 4, ZZZZZZZZZZZZZX
 * (older people living alone) 11 and ZZZZZZZZZZZZZY (medicines gone wrong) 5. Four are still missed
 * and named here: a peak flow told as two numbers (140 against a best of 420), theophylline with
 * clarithromycin and palpitations (an interaction named by its two medicines), a blister pack
 * returned untouched two sentences before "Includes warfarin", and a grandchild found with a
 * blister pack that has "some missing". Four more, written after those were read (cdfe999) and
 * scored on arrival alike with the round's starting rules and those of their commission:
 * ZZZZZZZZZZZZZZ (the first year of life) missed 6 of 150, ZZZZZZZZZZZZZZA (people in crisis told
 * by others) 11, ZZZZZZZZZZZZZZB (results where only the value says it is dangerous) 8 and
 * ZZZZZZZZZZZZZZC (the practice's own staff notes) 6. Eight are still missed and named here: a
 * temperature of 38.6 in a baby of two months, and an INR of 9.4 told a few words from its name,
 * both only numbers; a glucose trace of 1.8 to 2.3, a 9am cortisol of 22 with a sodium of 126, an
 * Hb of 71 with a ferritin of 3 and an AMTS fallen from 9 to 3, all told by their values alone; a
 * burn oozing with "a temperature, shaking"; and children left with a ten-year-old all weekend.
 * Four more, written after those were read (7e0354d) and scored on arrival alike with the round's
 * starting rules and those of their commission (but one body, by a phrase of the batch before):
 * ZZZZZZZZZZZZZZD (men who rarely say anything is wrong) missed 8 of 150, ZZZZZZZZZZZZZZE
 * (students, young adults and new parents writing online forms and texts) 18, ZZZZZZZZZZZZZZF
 * (carers of people with dementia, Parkinson's and MND) 7 and ZZZZZZZZZZZZZZG (Christmas and New
 * Year) 6 (5 with the commission's rules). Six are still missed and named here: a temperature of
 * 39.4 off a first-aid kit's thermometer, INRs of 9.2 and 10.2 told several words from their
 * name, oxygen saturation of 84% off "our finger monitor", fever with loin pain and vomiting
 * (pyelonephritis, named by none of its words), and a boy of 15 who "took 20 of them". One
 * miss of an earlier round, blister packs left unopened by a man who "wasn't sure what day it
 * was", is now read ("what day it was").
 * The thirtieth round's four probes, written blind at b3a6e22 and scored on arrival with its
 * rules, missed 24 of 600: ZZZZZZZZZZZZZZH (older people living alone, told by neighbours,
 * cleaners and delivery drivers) 6, ZZZZZZZZZZZZZZI (medicines gone wrong: double doses, missed
 * critical medicines, an old patch left on) 13, ZZZZZZZZZZZZZZJ (pregnancy, newborns and small
 * children told by their families) 5 and ZZZZZZZZZZZZZZK (the urgent line buried in a long
 * clinic letter) none. All are now read (gas smelt or an oven kept on for warmth, clots in the
 * urine, a house freezing, weakness rising from the feet, shop paracetamol with co-codamol,
 * transplant tablets lost, a baby "really quiet" at 35 weeks, pain under the right ribs).
 * Four more, written at b2ad985 after those were read and scored on arrival alike with the
 * round's starting rules and those of their commission, missed 57 of 600: ZZZZZZZZZZZZZZL
 * (people with learning disabilities, autism or dementia, small changes noticed by carers) 7,
 * ZZZZZZZZZZZZZZM (danger told as a number, a trend or a home device's reading) 15,
 * ZZZZZZZZZZZZZZN (abuse, coercion, exploitation and neglect told by third parties, indirectly)
 * 31 and ZZZZZZZZZZZZZZO (a Monday morning's mixed inbox) 4. All are now read, most by what was
 * seen (a pension picked up by a grandson, a passport kept by the man who spoke for her, a
 * landlord wanting "favours instead of rent", sats "into the 80s", a Libre "kept alarming").
 * One miss of an earlier round, a girl of 17 with eroded enamel and calloused knuckles, is now
 * read: she "went faint in the chair" (the phrase "fainted in the", added for probe L).
 * The thirty-second round's twelve probes, written blind in three batches and scored on arrival
 * with the round's starting rules (6c59d75), alike with those of each commission, missed 114 of
 * 1,800: ZZZZZZZZZZZZZZZB (babies and children unwell, told by families and nurseries) 5,
 * ZZZZZZZZZZZZZZZC (safeguarding and abuse told indirectly) 24, ZZZZZZZZZZZZZZZD (pregnancy and
 * after birth) 13, ZZZZZZZZZZZZZZZE (numbers told in passing) 2, ZZZZZZZZZZZZZZZF (older people
 * living alone) 3, ZZZZZZZZZZZZZZZG (infections turning serious) 5, ZZZZZZZZZZZZZZZH (mental
 * health crises told by family) 9, ZZZZZZZZZZZZZZZI (the one line buried in a long body) 1,
 * ZZZZZZZZZZZZZZZJ (men who play things down) 9, ZZZZZZZZZZZZZZZK (a change in behaviour the
 * only sign, in learning disability, autism and dementia) 14, ZZZZZZZZZZZZZZZL (medicine
 * mix-ups and overdoses) 19 and ZZZZZZZZZZZZZZZM (travel, work and the outdoors) 10. All are now
 * read (a pregnancy written "32 wks" with swelling or a headache, "only felt a couple of
 * kicks", a partner who "goes through my bag", a pension "borrowed" by a lodger, pink or red
 * urine in plain words, a hand grabbed at when hoisted, weekly alendronate taken daily, a
 * slug pellet tub). One known miss is now read: a mother "never done this before" at 3am.
 * The thirty-third round's eight probes, written blind in two batches and scored on arrival with
 * the round's starting rules (c7d4272), alike with those of each commission, missed 113 of
 * 1,200: ZZZZZZZZZZZZZZZN (students and young adults away from home) 17, ZZZZZZZZZZZZZZZO (home
 * care visit notes) 5, ZZZZZZZZZZZZZZZP (kidney, liver and diabetes emergencies) 15,
 * ZZZZZZZZZZZZZZZQ (eyes, ears and skin) 20, ZZZZZZZZZZZZZZZR (bleeding on blood thinners) 15,
 * ZZZZZZZZZZZZZZZS (long-term illness flaring) 21, ZZZZZZZZZZZZZZZT (people who rarely speak up
 * for themselves) 8 and ZZZZZZZZZZZZZZZU (sport, gym and fitness) 12. All but one are now read
 * ("gone deaf", "shower of floaters", "no buzz" in a fistula, "wee has gone red", an SGLT2
 * inhibitor with vomiting, Addison's with dizziness, a nosebleed "going" for hours, "knocked
 * clean out"). Still missed: a 17-year-old "seeing a 30 yr old lecturer", told with no word of
 * harm, the same class as the 14-year-olds with 22-year-old boyfriends. One known miss is now
 * read: salbutamol "every hour" at the pharmacy.
 * The thirty-fourth round's first four probes, written blind and scored on arrival with the
 * round's starting rules (6f84ad7), missed 27 of 600: ZZZZZZZZZZZZZZZV (a patient's or
 * relative's own words quoted by staff) 1, ZZZZZZZZZZZZZZZW (the first week home after a
 * hospital stay) 5, ZZZZZZZZZZZZZZZX (work and occupational health) 10 and ZZZZZZZZZZZZZZZY
 * (people with cancer at home) 11. All but one are now read (a swollen arm with a PICC or port,
 * a temperature with low neutrophils or after the last cycle, weak or numb legs with back pain,
 * a passport held by a gangmaster, a crush injury with dark urine, hydrofluoric acid). Still
 * missed: a bus driver who "will run the next passenger over", a threat with no word of harm.
 * Its second four, written blind at 6756bbc and scored on arrival alike with the round's
 * starting rules and with those of their commission, missed 41 of 600: ZZZZZZZZZZZZZZZZ (care
 * homes and supported living at night) 9, ZZZZZZZZZZZZZZZZA (mental health told at a routine
 * contact) 4, ZZZZZZZZZZZZZZZZB (men's and women's health told in passing) 15 and
 * ZZZZZZZZZZZZZZZZC (carers at breaking point) 13. All are now read (an unwitnessed fall with a
 * head injury or a blood thinner, fluids refused for days, "doesn't deserve to live", a positive
 * pregnancy test with one-sided pain, a breast like orange peel or with a dent, a carer tying a
 * person's hands, shutting them in, or leaving them on the toilet all night).
 */
const knownMisses = new Set([
  "Manager: our bus driver Ken has been saying at work he'll run the next passenger over who gives him grief. Taking it seriously. Off with stress already, fitnote due wed",
  "parent: daughter 17, at uni early, wellbeing team told us she's been seeing a 30 yr old lecturer. she's stopped answering us",
  "Lorry driver Kevin Marr rang from his cab at the services - boil on his thigh now big and weeping, feels rough, 39.4 on the first aid kit thermometer. wants antibiotics sending to a pharmacy near Selby",
  "the pharmacy checked my INR and it was 9.2, im on warfarin for my heart valve, they said to contact you. also need my repeat",
  "urine pot and form please. he's had a fever, pain in his left side of his back and vomiting since yesterday",
  "need his inhalers repeated. MND. our finger monitor says 84% this morning, he's normally 94",
  "Pls repeat co-codamol. nb pt mentioned her grandson took 20 of them after falling out with his girlfriend NYE, he's 15 and not been seen by anyone",
  "pls check Mr Leigh's INR result on the system, lab rang to say 10.2, he drinks more at christmas. not able to get through to him",
  "Dad asking if we stock calpol sachets. baby 2 months old, 38.6 tonight on the ear thermometer",
  "I own the chippy where Mr Hussain works. He burnt his arm on the fryer Sat, it's blistered and oozing now and he's got a temperature, shaking. Asked me to ask for a sick note",
  "Housing officer, Beverley. Neighbours reported Mrs Ashton's children (4 and 6) were left with her 10 yr old all weekend while she was away. She has asked for the housing priority form re her back",
  "DSN here - pts libre trace sitting 1.8-2.3 overnight the last 3 nights, on gliclazide 160mg bd + lantus 34u. could GP also reprint his sick day rules letter, hes lost it",
  "endo secretary: 9am cortisol came back 22 nmol/L, Na 126, K 5.9, pt off all steroids since Sept. consultant on leave so passing to you",
  "70yo male, Hb 71 ferritin 3 MCV 66, no prior FBC on system. coeliac screen negative",
  "AMTS 3/10, was 9/10 when seen last month. memory clinic nurse. carer says the change came on in the last couple of days",
  "INR clinic - Mr Fenwick 9.4 on the coaguchek, on warfarin 5mg, not sure what to do with his dose, he's still here",
  "Peak flow 140 this am, her best is 420. wants extra salbutamol to take on holiday",
  "Pharmacist: 80 yr old lady on theophylline started on clarithromycin by OOH, now nausea and palpitations. pls review",
  "Pharmacy: Mrs Yeadon's blister pack from last wk returned by our driver unopened, all 7 days untouched. She said she 'couldnt remember' if she had tablets. Includes warfarin. Pls review",
  "Beverley Home Care: client with dementia minds her 2 grandchildren in the day and keeps offering them her tablets, found the 4yr old with her blister pack yday and some are missing",
  "111: callback from GP requested within 2 hours",
  "111: mum asking about 6wk old's jabs appt, mentioned he felt hot tonight and thermometer said 38.2, pls ring her",
  "13 y/o girl attended for STI screen accompanied by a 19 y/o she called her boyfriend",
  "16yo female presented intoxicated for the 5th time this year, found in a car with three adult males, phone full of messages from contacts saved as emojis. Discharged to mum",
  "2 year old, 3 ED attendances in 48 hrs, health visitor informed",
  "3rd chaser re blue badge supporting info. council panel sits in the morning and his file is empty without it",
  '3rd failed visit - partner says shes "asleep", baby 6 days, raised voices and crying heard inside. CMW',
  "3yo dispensed ibuprofen 400mg tablets, mum giving a whole tablet 4 times a day for 2 days. Please call mum",
  "4 year review: weight 12.1kg (0.4th centile), was on the 50th at the 2 year check, height on 25th. HV team",
  "A man not on the contact list keeps trying to collect a Y2 girl, says he's mum's new partner. Girl cried and hid behind her teacher, said she doesn't want to go with him",
  'ASC worker: Mrs T (dementia) says her neighbour "borrows" her purse every week, £2,400 taken out of her account over the last 2 months. Family didnt know.',
  "Alendronic acid 70mg labelled take ONE DAILY - pt has taken daily for 3 wks, heartburn ++",
  "Amiodarone 200mg tds continued on TTO past the 1 week load, should have gone to 200mg OD. Its been 5 weeks. ALT 312 and TFTs off. please amend repeat",
  "Anticoag service: no INR recorded since August, DNA x3, yet warfarin still being issued on repeat. High risk - please hold further issues until an INR is done",
  "Asthma clinic: 10yo, 3 courses of pred since Sept, HDU admission last winter, mum smokes indoors. High risk, GP to review this week and check there's a spacer at home",
  "Attended Urgent Treatment Centre Bridlington overnight, given 1st dose nitrofurantoin, UTC couldn't supply rest of the course, told to get it from GP today",
  "Audiology results: R ear threshold drop of 60dB since 12/11, L within normal limits. Audiologist",
  "Audiology: 4yo hasn't worn hearing aids for a year, speech very delayed, 5 missed appointments, parent doesn't answer. Child effectively without hearing at nursery. Someone needs to follow up with family",
  "Before the weekend please - carer asking for catheter leg bags and night bags on script, only 2 of each left in the house",
  "Booking appt done 9+2. On going thru her meds she is still taking the epilim 500mg bd her neurologist started yrs ago, says nobody told her to stop, and not on 5mg folic acid. Pls review meds, next ANC 14/12",
  "Bowels have been loose for 2 months and she's 64, tired all the time and looks pale per her husband. Asked for bloods or something",
  "Buccal midazolam for Leo expired last month, school trip tomorrow and school wont take him without in-date rescue meds",
  "CAMHS SPA: 14 year old, C-SSRS Q6 answered yes (past 3 months)",
  "CRP 190 and climbing at day 6 post THR, wound oozing and hot, ortho asking GP to be aware",
  "Can GP phone ward 9 back by 1630 re discharge meds",
  "Care coord: ward will discharge tonight if GP can confirm a visit tomorrow, otherwise she stays in",
  "Care home nurse: a family member visiting sat on the resident and forced food into her mouth, she was coughing afterwards, staff stepped in. Family member now only allowed supervised visits",
  "Care home: Mrs Hodge came back from hospital with a grade 3 pressure ulcer on her heel not mentioned in the dischage letter, DATIX done, please r/v",
  "Careline agency here, one of our carers gave Novorapid 40 units at 12:30, the MAR says 4 units. BM 5.6 at 1pm. Kind regards, Care Coordinator",
  "Carr Lane Surgery (previous GP): pt moved to your area, our last 14-day script for her pregabalin ends Tuesday, we won't issue further now she's deregistered",
  "Child 7: urine dip blood +, protein +, BP 178/108, ankles puffy, had tonsillitis 10 days ago",
  "Child weighs 9kg - your EPS reads ibuprofen 100mg/5ml 10ml qds. Mum queried it with us, he's had 5 doses already from the OOH supply. Vomited twice this morning. Pls confirm dose",
  "Children's ward: 11 month old admitted faltering growth, gaining well on ward with normal feeds. Parents rarely visit. Discharge planning meeting next week, GP input welcome",
  "Citizens Advice: client (older lady, memory problems) has been sending money to a man from facebook who says he's a soldier abroad, she has remortgaged. She says he loves her. Family asked us to flag to GP",
  "Clinic letter, Gastroenterology. Seen re IBS-type symptoms, 2 yrs intermittent bloating, no wt loss, bloods normal incl coeliac serology and calprotectin 22. Advised low FODMAP diet, dietitian referral made. Mebeverine 135mg tds may help, GP to consider. Discharged to GP. Addendum: CT requested earlier by another team shows a 2.3cm low density lesion in the pancreatic tail, reported yesterday, not yet discussed with pt",
  "Clinical pharmacist, Newland Surgery: your patient's partner (registered here) has been ordering her repeat meds on his online account and collecting them. She rang us asking if she could have them sent elsewhere. Flagging to you.",
  "Community pharm: elderly lady on blister packs, her son now collects and signs for them but they are not being taken - found full packs in her bin on delivery. Lady says he keeps the morphine ones",
  "Community pharmacist: lady on rivaroxaban bought nasal spray today for nosebleeds, says she's had 4 this week each lasting over 20 min. Advised her to speak to GP, she's reluctant. Flagging to you",
  "Community pharmacy: fentanyl 25 patch - pt changed his last patch Sat morning, next change is due Tues, we haven't received a CD script",
  "Community physio: calf 41cm L vs 36cm R. Knee replacement 3 weeks ago, no longer on dalteparin",
  "Continence nurse: post void residual 950mls, pt not aware",
  "Council housing officer - visited flat about damp, two children under 5 alone, the eldest (about 4) opened the door. No adult for at least 40 mins, mum came back and said she'd nipped to the shop. Just so GP knows",
  "DN - discharge letter says morphine MR 100mg bd. Previous was 10mg bd. Pt already collected from pharmacy, first dose tonight",
  "DN FOUND PT ON FLOOR AT 0900, BEEN THERE SINCE YDAY EVE, CK PENDING, REFUSED AMB, PLS CALL",
  "DOAC dose: rivaroxaban 20mg bd written (should be 20mg od). Dispensed 56 tabs, pt has been taking bd for 12 days.",
  "DOAC query - pt d/c'd on rivaroxaban 20mg OD but creat clearance on todays bloods 13ml/min. Also on dronedarone. Can someone look before her next dose at 18:00",
  "DWP Health Assessment Advisory Service: factual report (FRR3) requested 02/11, due back by 17/11/2026 or the assessment goes ahead without it",
  "Daughter here. Dad's home monitor showed 211/118 and then 219/120 ten minutes later, he says his head is pounding and he's been sick once. He's 81 and on amlodipine. NHS 111 told us to contact his GP, hope this is right way",
  "Daughter rang re dad (pt) - his wee has been bright red twice this week, no pain, he doesnt want a fuss. Booked him 15/12 but wanted it on file",
  "Daughter rang the ward quite upset - mum was meant to have her catheter changed today and no one turned up. can you pick this up?",
  "Day centre: Mr L came in with blisters across both palms, his carer said he picked up a hot pan. He's registered blind and doesn't cook. He asked staff if he could sleep at the centre",
  "Delivery driver for Meals on Wheels: Mrs Bent not answering for 2 days, son answers and says she's \"asleep\", wouldn't let driver see her, meals left untouched on step. we've tried ringing her. Please advise/visit",
  "Dietitian: wt down 8kg in 2 months unintentionally, eating well, no diarrhoea. GP to consider further investigation",
  "Discharge TTO lists oxycodone liquid 10mg/ml, 5ml qds prn. 84yo, 46kg, no opioids before admission.",
  "Discharge lounge, Castle Hill: pt left before his TTOs came up from pharmacy (he got a lift and wouldn't wait). Our pharmacy is now closed. He was started on bisoprolol 2.5mg and ramipril 1.25mg on this admission for new HF and has none of either for tonight or tomorrow. We have left a message with his daughter. Sorry.",
  "Domiciliary care: carer saw son shouting at Mrs Reid and throw her walking frame across the room because she asked for the telly on. She cried after he left",
  "Dosette query: pharmacy noticed pt has been getting furosemide 40mg AND bumetanide 1mg since d/c - duplicate loop diuretics. Dizzy and fell yesterday, pls r/v",
  "Dr Khan's pt: bloods back Hb 71 g/L, previous 74 in Oct, no longer taking the iron. breathless and palpitations when cleaning",
  "ED: troponin 0h 58 1h 96 ng/L, d/c'd",
  "Elmwood CH - Mrs Tasker's INR was 2.4 on Fri (13th) but theres no warfarin dose written in her book for this week. Evening med round is 6pm, who can give us a dose",
  "Endoscopy unit: Moviprep not collected, bowel prep must start 18:00 today, pls issue",
  "Enoxaparin 40mg sc od x 28/7 after hip fracture - not given on discharge, day 6 now",
  "Falls clinic: lying BP 118/70, standing 62/? at 1 minute",
  "Ferritin 3, Hb 79, MCV 61. Male 71. Nothing on record re GI ix",
  "Fertility clinic: pt must start progesterone pessaries tonight, we cannot issue FP10, can GP prescribe",
  "Frailty unit: frail 91yo, d/c home today. Na 121 (baseline 132), on omeprazole + citalopram. pls repeat U&E in 48hrs and review",
  "From Childrens Centre - family we support: older sister (15) is doing all the care of the 3 little ones incl nights, mum in bed most of the day, dad working away. Sister not been in school since half term.",
  "GP to prescribe remaining 5/7 oral co-amox, d/c'd 8pm last night, last dose given 6am today",
  "Gastro: repeat LFT 24/24 pls",
  "Gentleman staying at our hostel says he was brought over by a gang to pick veg on a farm, never paid, slept in a caravan with 8 others, ran off last week. Nasty wound on his shin, he doesn't want the police",
  "Good morning, hospital letter say I must start the blood thinner injection tomorrow before my operation, but pharmacy say there is no prescription",
  "HCA notes: pt's vision reading 6/60 both eyes, last month 6/9, she hasn't noticed. Diabetic. Can GP look at this pls, seems like quite a drop",
  "HF nurse visit: HR 48, 88yo 48kg, digoxin 250mcg started by cardio with amiodarone added last month. No dig level done yet",
  "HF nurse weighed him 94.2 this am, 89.8 Friday. Breathless on stairs now. Would like GP to double the diuretic",
  "HF nurse: K 6.1 after spiro increase last wk, BNP 5600, more breathles on the flat",
  "HF nurse: furosemide now 80mg OM, amend rx today so pharmacy can dispense",
  "HF pt wt +4kg in 1/52, SOB++, r/v pls",
  "HV 8wk check today. Weighed him 3.62kg. Birth weight was 3.90. Mum says feeding is fine. Have asked her to come to you but would appreciate GP seeing him",
  'HV contact: 6wk baby, mum scored 22 on EPDS and answered q10 "sometimes". Says no plan. Requested GP see her this week',
  "HV: baby 11 days, weight 3.02kg (birth 3.58kg)",
  "Hb 81, MCV 64, ferritin 3. 68 yr old man, no bleeding he's aware of. done at our pharmacist-led hypertension clinic, thought you should see",
  "Hb 88, ferritin 4, MCV 64. 74yo man, weight down 8 kg since June on our scales. Never had a scope",
  "Health visitor - mum disclosed today she has been using cannabis daily and leaving the twins (18 months) with her 11yo for the evening. Discussed with team, referral to early help. FYI",
  "Hello, the bloods I took Friday for Mr Okafor are on ICE, pot. 6,8 and he is on the trimethoprim from the out of hours. I am agency nurse so not sure who to inform, thank you",
  "Hi asked to request a repeat of my metformin. ps the hospital said my kidneys were at 18 when I was in last month and to stop it but I didnt understand so I've kept taking it",
  "Hi my kidney doctor said have potassium checked 3 days after starting the new tablet, that was last week and no one's done it. My heart keeps skipping now",
  "Hi, Dr said she'd leave a script for me to collect this afternoon but pharmacy says not recieved",
  "Hi, Rosewood CH here, monthly order attached for all 14 residents, please hold Mrs Kaur's (room 3) as she went into hospital Sat. Also the pharmacist on her visit said Mr Booth only weighs 38kg now and is still on paracetamol 1g qds, she said to let you know",
  "Hi, sorry to bother, I'm the carer for Mrs Asher's sister, could the surgery check if Mrs Asher's Apixaban has been restarted after hosp? She's been getting breathless and her leg's swollen again",
  "HoNOS at CMHT review: item 2 = 4, item 7 = 4",
  "Holter: runs of NSVT up to 14 beats, known EF 25% - for info but thought you should know given he's just had his bisoprolol stopped",
  "Hosp pharmacy: TTO for lady discharged yesterday, insulin written as 40 units, should be 4 units. Please contact pt",
  "Hosp pharmacy: pt d/c'd on levomepromazine 6.25mg nocte and dexamethasone 4mg OD with no PPI and no taper plan. GP to review/add PPI. BM 24 on day of d/c btw",
  "Hosp pharmacy: pt discharged on insulin yest, TTO label reads Novorapid 40 units with meals, should be 4 units. Pens already at home. Please contact pt",
  "Hospital pharmacy - med rec shows GP repeat for metformin 1g tds while latest eGFR 22. Please review and amend, she is due to collect this weekend",
  "Hospital pharmacy outpatients: error on clinic letter dated 03/11 - says 'increase bisoprolol to 10mg bd', should read 10mg OD. If actioned please amend before pt takes 20mg/day. HR was 52 in clinic.",
  "Hospital pharmacy: d/c'd 48h ago on tinzaparin 175 units/kg using weight 110kg from an old admission - actual weight 61kg. DNs due to give next dose at 6pm. Please stop/adjust before then.",
  "Housing officer: tenant's partner answers every call, tenant has stopped leaving the flat, and on my last visit I saw fresh scratches down her neck.",
  'Housing: tenant (wheelchair user) has a new "friend" living with him who has put his own name on tenancy forms, tenant\'s PIP letters are now going to another address. Tenant cried on the phone to me',
  "Humulin I 44 units bd on TTO. Inpatient chart 4 units bd. pt went home with pens",
  "I'm a carer for my dad, he was told to collect his rescue pack today, pharmacy say nothing's been sent",
  "IAPT - pt says her ex has been putting intimate photos of her online and messaging her workplace. Hasnt left the house in a fortnight",
  "INR on coaguchek at home visit 8.7. Says she's been taking the 5mg tabs instead of the 1mg. No bleeding seen. Anticoag clinic closed till Monday.",
  "Ibuprofen 100mg/5ml - 15ml x4 in 24h given to a 9kg toddler. Pharmacy 111 call.",
  "Independent endoscopy provider (contracted by the ICB): pt booked for colonoscopy 08:30 tomorrow as part of the bowel screening pathway. On our pre-assessment call just now he told us he is still taking clopidogrel 75mg OD after his stent last year - nobody has advised him to stop and our cardiology advice line is closed. Scope cannot go ahead safely as things stand.",
  "Infection control nurse: CPE carrier being discharged to Meadowbank care home today, home not yet informed. Please ensure home & DNs aware before arrival",
  "Inhaler request - 9th salbutamol since March for Liam T (14). No preventer collected since spring. Mum says he's waking in the night coughing and been off school",
  "Internal msg from dispenser: we've just given out amitriptyline 100mg x 56 to Mr P, his notes say 10mg. He's already left.",
  "Interpreter summary (Urdu): pt's 16 yr old daughter is pregnant, family says the father is a 30 year old man from the community. Daughter did not speak on the call",
  "Is 7.1 potassium a problem if she's had it before? ward asked us to pass on, she's been d/c'd now",
  "Just had a letter from the council saying if I don't get a doctors letter in by tomorrow my housing application closes",
  "K+ 6 .9 on ward bloods at d/c (typed with a space, lab confirmed 6.9), pt went home before it was back. Ward 110 asking GP to recheck and act",
  "K+ 6.4 on bloods this am, 6.8 on the repeat from the same arm half hour later. he says he feels fine",
  "LD home: Phoebe's periods have stopped for 3 months and she's been sick in the mornings. She is non verbal. Manager has been told",
  "LD team: Chloe (adult, LD) has been messaged on social media by men asking her to come to a flat, she's gone twice and came back upset with no memory of the evening",
  'Lady with dementia comes in with a different "friend" each time to collect her repeats incl diazepam and codeine, friend wants them earlier each month. Pt told us she doesnt even take the codeine. Pharmacy',
  'Leisure centre lifeguard told us (health visitor team) she saw a mum hold a toddler\'s head under the water "to teach him" and the child came up coughing and blue-ish. Mum is your pt. lifeguard intervened. HV will visit but GP to note',
  "Letter from Castle Hill - patient is on the waiting list for bowel surgery but has now lost a further 8kg and is anaemic Hb 74. We'd be grateful if you could monitor his bloods in the meantime",
  "LibreView shared with us. 14 lows <3.0 in the last 7 days, 2 of them 1.8 overnight. Lives on his own",
  "Lithium carbonate 4000mg od printed on label, should be 400. Wife says he's had 2 days of it.",
  "Lucas (5) came to us needing 4 extractions and has missed 6 appts, mum said they can't afford toothbrushes. Just a thought to share. Community dental service",
  "MONTHLY WEIGHTS: NOV 38.6KG / OCT 44.9KG / JUL 51.0KG. MAPLE LODGE RESIDENTIAL",
  "MSK physio - LBP, PVR 640ml on bladder scan in clinic. He says he's fine",
  "MW: Ms Ahmed 36/40, platelets 48 on this week's bloods, feeling well. Please could Dr call her to discuss.",
  "Med rec on discharge from Ward 27: paracetamol 1g QDS on the TTO, her ward weight was 31kg and ALT 180 on the last set of LFTs. She has gone home with 7 days. Regards, Clinical Pharmacist",
  'Med review: pt with LD, his "lodger" now collects and manages his meds, pt couldn\'t tell me what he takes, large number of pregabalin missing on tablet count',
  "Med3 ran out yesterday, surgeons said GP to do it. Job centre appt this afternoon",
  "Medicines reconciliation: pt states he takes diazepam 10mg 8 tablets a day, prescribed 2 a day. Hospital pharmacy",
  "Missing TTO, sorry - pt left the ward without his furosemide. Not just an admin issue though: readmitted twice with fluid overload and wife says he's SOB again",
  "Monthly weights attached as usual. Mrs Odell 52.3 -> 47.8 in a month, MUST 3, not finishing meals",
  "Mr Bray - edoxaban 60 od, latest eGFR 18, weight 49kg. Needs reviewing",
  "Mrs Leigh has requested her repeats 3 times in 10 days via us and the online app, says she keeps losing them. Includes pregabalin and amitriptyline. We've held the latest one",
  "Mum wants a call back before she does the school run at 3, about the ADHD meds.",
  "Mum's new partner came in asking for copies of the children's records and said he's their dad now. He's not on the record and has no PR. Wouldn't leave. Mum not aware he was coming",
  "Nephrology: on ramipril, losartan AND spironolactone together. K 6.4, creat up for the 3rd week running. Renal say stop losartan and spiro, repeat in 2 days",
  "Neurology: pls send the repeat for his Epilim before 17:00 today, pt down to his last strip",
  "Nitrofurantoin 100mg MR issued to patient with eGFR 18 and on dialysis prep. Pt has numbness in feet already. Pharmacist querying, please call us.",
  "Nursery here - Alfie (4) epipen in his bag expired in 2025, mum says she never got a new one. Peanut allergy, had a reaction last year. He's in with us tomorrow",
  "Nursery say Ayla can't start tomorrow without the medicine consent form signed by the GP. Mum will collect it today if it's ready.",
  "O2 sats falling: 94 yesterday, 90 at 7am, 85 at noon. Post covid, lives alone",
  "OOH consultation: 8 month old, 7.9kg, mum has given infant paracetamol 120mg/5ml 10ml x6 doses in the last 12 hours",
  "OOH pharmacist: dabigatran supplied in a dosette (caps must stay in original pack) and dosette shows 2 caps at breakfast, should be bd. Pt 85, eGFR 31. Please review dose",
  "OT: lady's son has taken out the bath board and rails, says she's not to use the bathroom. she's washing at the kitchen sink in a cold house",
  "OT: stairlift broken since August, lady sleeping in her chair downstairs, commode emptied once a day at best, carers often dont turn up and she doesnt recieve her tea at night. she has a sore bottom and nobody else. pls can GP review",
  "Ortho preassessment 11/11, 74yo male: Hb 81, MCV 62, ferritin 3",
  "Oxycontin 80mg bd prescribed yesterday, she had 5mg bd last month",
  'PA to Ms Xu (wheelchair user): boyfriend takes her chair away and leaves her in bed when he goes out, says she "nags". Sends the care workers away too, she\'s missed 2 visits.',
  "PA to co-amox documented - given co-amox by OOH, now urticaria + SOB",
  "PC 4471 Humberside Police - attended address overnight following a call from neighbour re shouting. Female occupant (your pt) had a cut lip and declined to make a statement. Third call to this address since September.",
  "PCN clinical pharm - third early request for oxycodone this month from Mr Voss, each time says lost. pls review before next issue",
  "PN day 2 post LSCS, T 38.9 HR 126 RR 24 at 09:40 MW visit",
  "PSA 4.1 in May, 22 on this sample. No infection symptoms. Results done for his LUTS by the urology nurse, no clinic planned",
  "PSA trend 3.8, 6.9, 14.2 over a year, can't see a referral on record",
  "Package of care starts tomorrow 8am, the agency won't give meds until the MAR is signed by a GP",
  "Paeds cardiology: 3rd DNA for VSD follow up, discharged back to GP as per policy",
  "Paeds dose: 15kg child prescribed prednisolone 40mg bd for 5/7 (should be 30mg od max) - community pharmacy holding",
  "Paeds ward TTO: Calpol 120mg/5ml 15ml QDS. Child 14 months, 9kg",
  "Paracetamol susp 250mg/5ml 20ml QDS prescribed for a 2 year old. Thats 1g per dose. Mum says she already gave two doses from an old bottle using this direction. Advised NHS 111, letting you know",
  'Parent governor rang PM - she\'s seen a teacher at Elmtree grab a child with SEN by the neck in the corridor. Head "dealing with it". Child is registered with you. She wanted someone outside the school to know',
  "Pharmacist - Mr Beedle's carer has been signing for his fentanyl patches but the patches aren't on him when the DN visits. Mr Beedle cannot communicate. would the doctor look into this with the DN today",
  "Pharmacist: pt on gliclazide had 3 hypos this week (lowest 2.4), not eating much. Please review dose",
  "Pharmacy (Anlaby Rd): pt in to collect her methotrexate 10mg weekly and folic acid. Shared care booklet says bloods due Nov but the last FBC we can see on the SCR is July, can you confirm if she's been done? She says she's had a sore throat and mouth ulcers for 5 days, temp on and off and feels rough all over. We've advised her not to take this week's dose until she's spoken to someone. She also asked about the shingles jab, she's been told she can't have it - is that right? Thanks",
  "Pharmacy - checked PMR, pt getting co-codamol 30/500 from us AND another pharmacy, about 8 a day from each going by dates. Also buying OTC. pls review",
  "Pharmacy - pt has one levetiracetam left for tomorrow mornings dose then nothing. perscription requested monday, still not recieved",
  "Pharmacy - rx today for amitriptyline 250mg nocte. Last month it was 25mg. Pt is waiting at counter, pls confirm before I give it out",
  "Pharmacy incident - dispensed Mr A Jones (b.1950) warfarin to Mr A Jones (b.1981) in error. Trying to retrieve. Please check your records",
  "Pharmacy won't hand out his methadone tomorrow morning unless the script is re-issued, please review.",
  "Pharmacy: warfarin 3mg out of stock, she only has 1mg tabs. Tonite's dose is 4mg and she's got 3 x 1mg left",
  "Phlebotomy: pt on amiodarone here for bloods at 08:10 but no form on system, TFT/LFT 9/12 overdue. Will have to send her away unless form added by 10am today",
  "Physio FYI: knee rehab going well, discharging. only thing - he said his stools have had blood in them for 2 months, he is 71, said hed mention to GP",
  "Please could we request a blood test form for Mrs A's INR, she forgot to book. Her last one was 8.6 and she is due a repeat",
  "Please re-send the e-referral - pt is at the Eye Hospital NOW and they can't see it on their system",
  "Pls add metformin 500mg bd to repeat list as per the clinic letter. Also INR done at our anticoag clinic is coming 9.2 today, she is on warfarin 5mg, no bleeding she say.",
  "Postnatal ward: mum d/c 16/11 on tinzaparin 6/52 post CS, only 2 syringes given - last used this morning, next due 08:00 tmrw",
  "Potassium chloride 8mmol/5ml: 50ml tds on label (240mmol/day), K now 6.4 and rising",
  "Practice pharmacist (internal): noticed 6 mo baby on repeat Infacol AND Gripe Water AND an adult simeticone, mum using all together, plus ranitidine from abroad. Worth a look by GP today",
  "Practice pharmacist to duty doc: repeat has warfarin 3mg AND 5mg both set to 'one daily' on top of his anticoag book dose of 5mg - he's been taking 3+5+5 = 13mg a day. pls call him",
  "Pre-op Hb was 142, on day 10 post op it is 96. He is on rivaroxaban 10mg od for 5 weeks as per ortho protocol. Orthopaedic Nurse Practitioner",
  "Private health screen result: troponin T 86 ng/L (ref <14). Client mentioned chest ache while jogging last week.",
  "Pt (on leave from the ward) says her partner holds her meds and only gives them to her if she sleeps with him",
  "Pt brought back tablets from MDS tray - there were two amlodipine in the morning slot all week. He's dizzy and had a fall. Our error, investigating. please r/v BP",
  "Pt rang, been on flecainide and says GP at the walk in gave him clarithromycin Friday, now feels his heart skipping and light headed",
  "Pt: collected two prescriptions, one from surgery one from hospital, both Eliquis but different doses 2.5 and 5. Ive been taking one of each twice a day. is that wrong?",
  "R quinsy trismus - sent ENT",
  "Re the letter re Mr Jennings's blue badge form - the OT that visited says his daughter has put a lock on the fridge and he's only allowed food at set times. he's diabetic and had 2 hypos this week. pls call",
  "Re: Mr Ellerby, room 4. Just updating you after our monthly weights and nutrition screen. MUST score is now 4, his weight has gone from 61.0kg in October to 54.3kg this month, he is leaving most of his fortified meals and we have started a food chart. Family visited at the weekend and are aware. Could the GP pop in when next visiting the home? Many thanks, Deputy Manager, Hollybank Care Home",
  "Re: Mr Sutton - his bowel prep for colonoscopy tomorrow 8am hasn't been collected because the hospital says GP has to prescribe it?? He's panicking",
  "Remote monitoring weights from the PCN scheme have gone up from 73.2kg to 77.9kg over 4 days. PCN Care Coordinator",
  "Renal unit transport: tomorrow's dialysis transport has been cancelled because the eligibility form was not completed",
  "Reply to admin: sorry the court date is actually tomorrow not next month, solicitors letter had it wrong",
  "Rotigotine 8mg/24h patches not supplied, PD, can't get out of chair now",
  "Rx for diclofenac 75mg bd rec'd. Also on rivaroxaban 20mg and pred 30mg from resp",
  "Rx received for Methotrexate 2.5mg tabs, 4 tabs OD, qty 112. Previous scripts were 4 tabs once weekly on Mondays. Not dispensed, need clarification.",
  "Same day emergency care: pt went home but on review her LFTs bili 180 ALP 900, needs USS which we have requested. pt hasnt been told yet, can surgery let her know she needs to come back",
  "Sando-K 2 tabs tds still on repeat, K+ 6.1 on the bloods the pt showed us on the NHS app",
  "Says his wee has been bright red twice this week but no pain at all. 71 yr old. Asking if he needs to do anything about it",
  "School nurse - weight now 0.4th centile, was 50th at 2y. Uniform unwashed, 4 missed dental appts, 2 missed HV. Mum not engaging",
  "School nurse: adrenaline pen care plan must be signed before the school trip leaves at 8.30 tomorrow",
  "School: please could GP complete attached asthma care plan for Leo (Yr 2). Also FYI hes used his inhaler 4 times this week in class and was quite breathless at lunch today, mum informed",
  "Sec - please can someone action Mr Rowland's hospital letter, they want his warfarin stopped from today ahead of the biopsy on Monday",
  "Second message today about the same thing - the mirtazapine still isnt through and the pt's rung us twice",
  "Sexual health (independent provider): 19yo with LD attended with boyfriend in his 40s who says he's her carer, she is pregnant, she's been told not to talk to doctors",
  "Sexual health outreach: chlamydia NAAT positive, DOB makes her 13. Partner described as 19",
  'Sight loss charity volunteer visits Mr K - a new "handyman" has charged him £6,000 for roof work that was never done and keeps coming back for more. Mr K is registered blind and dreads the door going',
  "Sleep clinic: MSLT mean latency 2 mins. Pt is a crane operator. Told to stop work at heights & driving plant machinery from today. GP for awareness",
  "Social worker needs GP report before the weekend, court hearing is Monday morning",
  "Sodium 159, urea 28, intake about 200ml a day for 5 days. Resident at Burton Court",
  "Solicitors for the applicant in the Court of Protection matter re Ms Linda Prowse. The court has directed a COP3 capacity assessment to be filed by 4pm tomorrow. We appreciate this is very short notice but the hearing cannot proceed without it",
  "Son rang re his dad - dad rang him at 3am thinking it was the 70s and asking where his mum was. Dad normally does all his own bills and money. Started Sat",
  "Supported living: 2 night staff filmed mocking a resident with autism. Off the rota. For his records",
  "TODAY - HbA1c and lipids missed in clinic, pt coming in at 3",
  "TSH <0.01, FT4 68. HR 128 written on the request. Duty biochemist asked that GP is made aware",
  "TTO from ward 8: enoxaparin 150mg od for 6/52. Ward weight 48kg. Went home 16/11",
  "TTO has no Novorapid at all - Type 1, only basal on the list.",
  "TVN: R calf 42cm L calf 34cm, was equal Monday",
  "TVN: erythema was 3x2cm on Monday, now 18x12cm 36 hours later, T 38.7",
  "Tacrolimus 24. Renal transplant. OOH started clarithromycin Sat",
  "Teacher passing on via school office: Yr 10 girl told friends she's being taken to Pakistan at half term to get married and she doesn't want to. Crying in lessons. Begged us not to contact home",
  "The form is due first thing Monday and nobody's in Saturday so basically today - occupational health fitness form",
  "Ticagrelor 90 bd missing off the TTO - stented 6/7 ago, he's only taking aspirin",
  'Trading standards officer: visited a 79 year old man, registered with your practice, who has sent over £8,000 to a "lottery" in the last 4 months and has piles of letters. Seemed forgetful, couldn\'t tell me his own postcode. Has he ever had a memory assessment?',
  "Trend for her: Hb 128 Sept, 104 Oct, 79 today. No source found. Over to GP as she is not under us any more. gastro secretary",
  "Tues deadline for council blue badge evidence, pls complete",
  "UTC - bleach splash to eye, pH 9 after irrigation. sent to eye cas tonight",
  "University disability team: DSA medical evidence form deadline is 2026-11-17 17:00, student has left the form at your reception",
  "Ursula's tummy looks very bloated, no appetite, lost a stone, bowels changed since the summer. GP said let you know if she got worse and she has",
  "Vision in R eye down to 6/60 from 6/6 at our check on 04/11, L 6/6 unchanged - seen this lunchtime",
  "Ward 12: pt going home this afternoon on clozapine, first FBC due in the morning, pls ensure arranged",
  "Ward 32 dischage lounge - pt went home yest on new warfarin 5mg. DN did INR at home this am. It was 9.6. Can someone pick this up pls, we cant get hold of her",
  "Ward 4 pharmacy: d/c'd without dalteparin, next dose due 18:00 tonight",
  "Ward 5 discharge: pt d/c on enoxaparin 40mg OD inj for 28 days. Daughter says she hasn't been taught to inject and hasn't given any since Monday, had hip #",
  "Ward 60 (maternity): TTOs for pt - please prescribe enoxaparin 40mg OD to complete 10 days, we've only given 2 and she goes home tonight",
  "Ward 8: d/c with enoxaparin 150mg daily. She weighs 48kg. We think this is wrong, please check with her",
  "Warfarin 5mg collected monthly, last INR on record 14/07",
  "We checked her INR before an extraction at our dental practice this morning, it was 9.1. Extraction cancelled.",
  "We've supplied oxycodone 20mg MR 28 day supply on 17/10, 24/10, 02/11 and 08/11. Rowlands Pharmacy",
  "Weigh clinic: mum mentioned she gives the 6+ calpol 10ml up to 6 times a day to her 4mo old when she's teething, for about a week now",
  "Y10 girl says her older cousin filmed her in the shower and has been showing the videos to other people at college",
  "Your insulin pump supplies rx has lapsed; the pump company deliver tomorrow only if the script is received today",
  "amitriptyline 50mg 84 tabs dispensed 01/11, back in on 05/11 asking for more saying he has run out. Tesco Pharmacy",
  "amitriptyline 50mg x84 collected Tues, mum collected another 84 today on a second Rx",
  "amlodipine 100mg OD on the TTO, surely 10? care home need an answer before next round at 2pm",
  "amoxicillin 250/5ml 10ml tds for 9 month old, weight 7kg, seems high? holding",
  "any update? we were told the script would be sent yesterday and pt now has none",
  "apixaban 5mg bd AND rivaroxaban 20mg od in the same blister pack this month - hospital started riva, repeat still has apix",
  "bank hol cover (neighbouring practice): saw your pt as temp res mon, abdo pain with guarding, sent to SAU, fyi",
  "by 1700h pls, TTO amendment ward 22, pt waiting to go",
  "call back re starting the pill - she's 14, says bf is 22",
  "can a GP ring us back pls, morphine oral soln script says 10ml every hour, we think 2.5ml was intended. Won't dispense till checked, pt in pain today",
  "capecitabine, diarrhoea 6-7 times a day since Saturday, still taking it",
  "cardiology clinic: EF 20%, K 6.1 and creat rising - stop spironolactone, recheck U&E in 48h please",
  "catheter bag chart shows 120ml over 24 hrs, she is drinking about a litre a day. continence nurse",
  "chasing fitnote from mon - employer says if they dont get it by tomorrow his sick pay stops",
  "colchicine 500 mcg 2 tabs QDS for 14 days - pt is 81, eGFR 34 on SCR",
  "colchicine 500mcg - took 12 in one day for gout flare",
  "colchicine 500mcg hourly until pain settles on the label - he took 14 in one day, now D&V ++, also on atorvastatin",
  "community HF nurse: weight down 6kg in a week post metolazone, dizzy, Na 124, creat up. pls GP r/v bloods & meds",
  "could someone check on baby Reuben. mum has missed 3 HV appts and the 8 wk imms, neighbour told the childrens centre theres shouting all night and the baby cries for hours with no one going to him",
  "daughter: dad on rivaroxaban tripped on the kerb outside the paper shop, grazed his knee and elbow, seems fine in himself but she wanted a doctor to know",
  "daughter: dads heart failure nurse said call the GP if weight went up 2kg, it's up 2.5 since Saturday. he's also a bit breathless",
  "day 5 visit. weight 2.88kg (birth weight 3.46kg), exclusively breastfed, 2 wet nappies in last 24h. Beverley community midwives",
  "day 5 weight 2.89kg, birth weight 3.42kg = 15.5% loss. midwife",
  "dietitian - PEG feed deliveries stop after tomorrow unless a new rx is sent to the home enteral company",
  "digoxin 250 microgram x 2 tabs once a day, eGFR on his summary care record is 19",
  "discharge lounge: going home 14:00 today, LMWH enoxaparin 40mg SC once daily to start tonight",
  "discharge lounge: pt leaving w NG tube for feeds, dietitian not arranged, family not trained. GP/DN to pick up before tonight's feed or pt goes w/o nutrition",
  "echo: EF 15%, severe AS (AVA 0.6), breathless walking to the car",
  "enoxaparin 150mg OD, pt's weight on our records 48kg",
  "enoxaparin 150mg od started (1.5mg/kg?) with eGFR 18 and weight 52kg - hospital at home team",
  "fertility unit: OHSS after egg collection, abdo distended, SOB, low urine output. admitted to gynae ward",
  "gabapentin 900mg tds + pregabalin 300mg bd both sent to us today, same pt",
  "gliclazide 160mg bd + new levofloxacin, hypos 1.9 x2 yesterday, paramedics out overnight. review pls",
  "grandad here, my daughter is 16 and just had the baby, her boyfriend is 26 and he's moved in. she won't talk to us. she needs her pill sorted",
  "he only does it when he's had a drink, she said, then asked for her antidepressants repeat. has 3 kids under 5 at home",
  "hello from the Good Neighbours scheme. Our volunteer found Mrs Kemp's back and bottom very red and broken, she's in bed all the time now and the carers only come once a day",
  "hi hun, pt's carer says she was told to bring mum in for her bloods 'first thing tomorrow' but there's no appt showing",
  "hi is my sick note ready, it ran out yesterday and work are chasing me. thanks",
  "hiya just recieved a new perscription for colecalciferol 40,000 units with directions one daily x28 caps, havent handed out yet",
  "home care: pt (MS) told our carer her husband has stopped the evening calls and does her personal care himself now. Carpet burns to both knees and wrists",
  "homeless outreach nurse: man sleeping in a doorway on Whitefriargate, legs ulcerated, drinking heavily, refusing hospital. Temp resident with you. Need GP help",
  "hosp SW: d/c to care of partner who also has dementia and cant manage, concerns",
  "hosp pharm TTO screen: clopidogrel 300mg OD x 28 - loading dose carried thru",
  "in session she mentioned her ex still has a key and lets himself in at night while she's asleep, she has moved the kids into her bed. she wouldnt let me discuss it further",
  "just to let u know the nurses at the surgery done my INR and it was 8.3 and I dont know if I take my warfarin tonight or not, no one has told me",
  "lady came to the window and asked if her INR result was back, she said the anticoag clinic rang and said it was 9.2 and to ring the doctor, and she wasnt sure what they meant",
  "lady in for new specs, the paid carer who brought her snapped at her and pinched her arm in the waiting room, our receptionist saw it happen. Lady has dementia",
  "link worker: Mr Kay's GP letter for his PIP is overdue now, the deadline was yesterday and DWP are chasing, can we get it out",
  "lithium on d/c summary 1600mg nocte, pre-admission dose was 800mg",
  "methadone 120mg daily supervised here, now a new Rx for morphine sulfate MR 30mg bd from OOH",
  "methotrexate bloods: ALT 40 then 120 now 310, pt still taking it",
  "mum says she gave 10ml calpol 6 times since last night, baby 7 months",
  "nebules for her nebuliser will be gone by tonight, pharmacy have no valid rx on file",
  "neighbour's lad keeps taking Mrs Dale's pension she says. DN",
  "no methotrexate bloods since March, we will not supply after tomorrow unless we see a result. pt aware and cross",
  "nursing home - fit 2 of 20 mins at 05:40, no rescue med on site",
  "oxygen supplier says the HOOF form has to be re-signed by a GP today otherwise his delivery is cancelled for the weekend",
  "paeds ward discharge: child d/c'd on amoxicillin, dose 5ml tds but label printed 15ml tds (250mg/5ml). parent has been giving 15ml. child 11kg. please contact family to correct dose",
  "paracetamol 120mg/5ml oral susp, 10ml QDS - baby is 6 wks old, 4.2kg on red book",
  "patient emailed: my 4yr old's asthma plan says call if the inhaler doesnt last 4 hrs, it's lasting about 1 hr at the moment. what now",
  "pharmacist Hessle Rd: prescribed both co-codamol 30/500 and paracetamol 500mg 2 qds on the same script for an 82yo 45kg lady - thats 8g paracetamol/day if taken as written. Only supplying one. Please amend repeat.",
  "pharmacy says the amended dose wasnt sent and he's supposed to take the new dose this evening",
  "physio: pt with cerebral palsy told me her boyfriend (who is also her carer) leaves her in her chair all night when he goes out and takes the charger so she can't phone anyone",
  "please can GP sign the repeat for co-codamol, pt says he ran out. also hes been taking 12 a day because the pain is so bad",
  "please rebook INR clinic for next wk. last reading 8.6 and she's been having nosebleeds",
  "pls action before the weekend",
  "pls add Epipen x2 to repeats. Ana to peanut at school yesterday",
  "pls add vit D drops to Tyler's repeats, mum asked. while I was there dad smacked him hard across the back of the legs for crying and said its the only thing he understands. Tyler is 22 months",
  'pls issue microgynon, thanks. her little sister (14) came in with her and told us she\'s "seeing" a 25 year old',
  "plts 245 / 180 / 92 / 31 on days 0, 5, 8, 10 of dalteparin after hip replacement",
  "podiatry: infected hallux, needs fluclox started today, no NMP in clinic",
  "potassium (serum) 6,9 mmol/l - agency lab format, pls act",
  "pre-session obs at our private clinic 212/118, rechecked 208/116 after 5 mins so we didnt start treatment. Thanks, Harbour Physio",
  "propranolol 80mg x168 for 16yo - indication on Rx: anxiety",
  'pt asked admin for a copy of her records before she "goes", seemed distressed and wouldnt say where. flagging',
  "pt brought in bloods done privately while visiting family in Poland - Kalium 6,8 mmol/l, kreatynina 3,1 mg/dl. back home now and says legs feel weak",
  "pt dialed 100 units Lantus this morning (her dose is 10). BM 6.1 at 11:00 on my visit",
  "pt is a wheelchair user, husband took the batteries out of her chair so she can't leave the house when he's at work",
  "pt rang in a state, says her ex has turned up and is outside the house banging on windows",
  "pt showed us a trace on his kardia app while waiting for his script, rate 180ish and broad looking, he says feels funny. we've asked him to sit down",
  "pt taking three 5mg warfarin tabs at night thinking they are 1mg - 15mg nightly since Monday",
  "pt v poorly, pls ring daughter",
  "pts mother asking for the results of the swab from yesterday, the nurse said they'd be back today and he still has the rash",
  "radiographer - CXR from this afternoons clinic shows approx 3cm pneumothorax, pt 26, left the dept before it was reported. Please try to contact",
  "reception msg - mum wants call back before 6 re childs inhaler",
  "rx for clexane pls pt d/c today",
  "sats going down each visit 95, 91, now 88% on air. DN",
  "school nurse here, Yr10 girl (14) asked for morning after pill, says her boyfriend is 22 and picks her up after school in his car. Gave advice only. Pass to GP please",
  'scool nurse - 14yr old girl has a tattoo of a mans initials on wrist, says a "friend" (25) did it at his flat, he gives her alchohol. missed 20 days this term',
  "script received reads Oramorph 10ml (20mg) every hour prn, max not stated. not supplied, need the prescriber to confirm",
  "sertraline 100mg x56 issued 03/11, 07/11 and 11/11, all 3 collected",
  'she is 16 with LD, keeps talking about her "boyfriend" who is 30ish, he buys her vodka and takes photos of her on his phone. mum thinks its sweet',
  "sooner the better, ideally by lunch: repeat clopidogrel, stent 3/12 ago",
  "today is Thurs, need Rx authorised by Fri am at the latest as pt going away",
  "transplant unit: tacrolimus trough to be taken 08:00 tomorrow pre dose",
  "ward 32 - d/c today, warfarin new start for AF, INR needs checking in 3 days, no anticoag clinic appointment made. Please arrange",
  "ward round at 4pm - need to know his baseline creatinine before then",
  "wife on phone says he's had 12 cans and about 20 of his diazepam 5mg",
]);

const bodies = readdirSync(folder)
  .filter((name) => name.endsWith("-flag.txt"))
  .flatMap((name) =>
    readFileSync(join(folder, name), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((body) => ({ name, body })),
  );

function probeTask(body: string): TaskInputRaw {
  return {
    id: "probe",
    sentAt: "2026-11-16T10:00:00Z",
    sender: {
      organisation: "Example NHS Trust",
      odsCode: "RXX",
      unit: "Ward 5",
      kind: "nhs-provider",
    },
    recipient: { unit: "Example Surgery", assignment: "unassigned" },
    body,
  };
}

describe("safety probes: bodies a person must read now", () => {
  it("holds over 54,000 bodies from four hundred and eleven probes", () => {
    expect(bodies.length).toBeGreaterThan(54000);
    expect(new Set(bodies.map((b) => b.name)).size).toBe(411);
  });

  it("flags every one but the known misses, and the known misses are still missed", async () => {
    // A batch renders no letters, which took a third of the time of evaluate() here; both run
    // the same evaluation (src/engine/guard.ts), the batch only leaves the letter out.
    const missed: string[] = [];
    for await (const answer of guard.evaluateMany(bodies.map(({ body }) => probeTask(body)))) {
      if (!answer.ok) throw answer.error;
      if (!answer.verdict.humanReview) missed.push(bodies[answer.index]?.body ?? "");
    }
    // A known miss that is now flagged should leave the list; a new miss is a regression.
    expect(missed.sort()).toEqual([...knownMisses].sort());
  });
});
