import { type Lexicon, LIST } from "./lexicon.js";
import type { Mention } from "./matcher.js";
import { isPast, type TokenStream } from "./tokens.js";

/**
 * Reading a task body, step three: the context of each phrase found, in the manner of NegEx
 * (Chapman et al. 2001) and ConText (Harkema et al. 2009). Trigger phrases are ruleset data;
 * their reach is the clause (negation, already done) or the rest of the sentence
 * (hypothetical, request), and a terminator word ends a negator's reach.
 */
export interface MentionContext {
  /** "not urgent", "no safeguarding concerns", "fit note not needed" */
  negated: boolean;
  /** "if he deteriorates", "should she need", "in case" */
  hypothetical: boolean;
  /** "fit note issued", "we have referred", "TTOs supplied" */
  done: boolean;
  /** "please", "GP to", "could you", an imperative, or under a lead such as "Actions for GP:" */
  request: boolean;
  /** inside a service name: "Urgent Treatment Centre" */
  service: boolean;
  /** inside a pseudo-trigger: "prompting with medication", "discharged to GP" */
  pseudo: boolean;
}

/** How many words may name the one asked in a question's ask: "could [Dr Patel's secretary] send". */
const QUESTION_SUBJECT_WORDS = 4;
/** The most words of a list item after an asking clause ("HBsAg", "HCV ab"). */
const LIST_ITEM_WORDS = 3;
/** The longest sentence, in words, that opens with a day and goes on with the ask before it. */
const DAY_SENTENCE_WORDS = 4;

/** Trigger mentions indexed for the context questions. */
export class ContextReader {
  readonly #stream: TokenStream;
  readonly #lexicon: Lexicon;
  readonly #byList = new Map<number, Mention[]>();
  /** Tokens that are part of a pseudo-negation ("no change"): their negators do not negate. */
  readonly #pseudo = new Set<number>();
  /** Tokens of safety terms: a negator reaches across a list of them ("no bleeding or bruising"). */
  readonly #safetyTerms = new Set<number>();
  /** Sentences that carry a request, and those that carry a lead into the next ones. */
  readonly #requestSentences = new Set<number>();
  /** Clauses that hold a request themselves (an imperative start or a trigger in the clause). */
  readonly #requestClauses = new Set<number>();
  /** Sentences whose asking words stand under a condition ("if not fit after this, pls extend"). */
  readonly #conditionalSentences = new Set<number>();
  /** Of those, the ones whose only request is an opening imperative ("Repeat FBC tomorrow"). */
  readonly #imperativeOnly = new Set<number>();
  /** `saysNothingAsked`, read once. */
  #nothingAsked: boolean | undefined;

  constructor(stream: TokenStream, mentions: readonly Mention[], lexicon: Lexicon) {
    this.#stream = stream;
    this.#lexicon = lexicon;
    for (const m of mentions) {
      const list = this.#byList.get(m.list);
      if (list) list.push(m);
      else this.#byList.set(m.list, [m]);
      if (m.list === LIST.pseudoNegations) for (let k = m.from; k < m.to; k++) this.#pseudo.add(k);
      if (m.list === LIST.safety || m.list === LIST.deterioration)
        for (let k = m.from; k < m.to; k++) this.#safetyTerms.add(k);
    }
    this.#findRequests();
  }

  /**
   * Does the mention open with a request lead ("please")? Then it asks, and a negator just
   * before it governs something else: "symptoms resolved please review".
   */
  #opensWithPlease(m: Mention): boolean {
    return this.#lexicon.requestLeads.has(this.#stream.tokens[m.from]?.word ?? "");
  }

  /** Mentions of one list, in body order. */
  of(list: number): readonly Mention[] {
    return this.#byList.get(list) ?? [];
  }

  #findRequests(): void {
    const { tokens, clauses, sentences } = this.#stream;
    for (const m of this.of(LIST.action)) {
      if (!this.#opensWithPlease(m) && this.#negatedBefore(m.from, false)) continue;
      if (this.#hypothetical(m)) {
        // Only "please" asks under a condition: "if needed GP may wish to extend" does not.
        if (this.#opensWithPlease(m))
          this.#conditionalSentences.add(tokens[m.from]?.sentence ?? -1);
        continue;
      }
      // "Please ignore the task sent earlier" asks nothing: a longer pseudo-trigger opens with
      // the asking word.
      // Nor does a dose's "as required" (prn): the asking word inside a longer pseudo-trigger.
      if (
        this.of(LIST.pseudoTriggers).some(
          (t) =>
            (t.from === m.from && t.to > m.to) ||
            (m.to - m.from === 1 && t.from === m.from - 1 && t.to === m.to),
        )
      )
        continue;
      // "GP need not act": a negator straight after the asking word takes it back, not one
      // after a dash or a stop ("fit note pls - not fit for work").
      const next = tokens[m.to];
      const gap = this.#stream.body.slice(tokens[m.to - 1]?.end ?? 0, next?.start ?? 0);
      if (next && this.#lexicon.negators.has(next.word) && /^\s*$/.test(gap)) continue;
      const token = tokens[m.from];
      if (token === undefined) continue;
      this.#requestSentences.add(token.sentence);
      this.#requestClauses.add(token.clause);
    }
    // A sentence that opens with an imperative ("Refer to ENT.", "- chase CT report"); not a
    // later clause, which is more often the sender's own plan ("Plan: continue, monitor").
    for (const sentence of sentences) {
      const clause = clauses[sentence.from];
      if (clause === undefined) continue;
      const token = tokens[this.#pastLeads(clause, this.#lexicon.requestLeads)];
      // The word itself, not its stem: "Referred to ..." opens a statement, "Refer to ..." an ask.
      if (token && this.#lexicon.imperatives.has(token.word)) {
        this.#requestSentences.add(clause.sentence);
        if (!this.#requestClauses.has(token.clause)) this.#imperativeOnly.add(token.clause);
        this.#requestClauses.add(token.clause);
      }
    }
    this.#findQuestions();
    this.#findAssigned();
    // A later clause of an asking sentence that opens with an imperative asks too, after a
    // link word ("Please prescribe X (...) and complete the DNACPR this week") or straight
    // after an asking clause and a comma ("GP to withhold MTX, repeat LFTs next week").
    clauses.forEach((clause, index) => {
      if (!this.#requestSentences.has(clause.sentence)) return;
      const first = this.#pastLeads(clause, this.#lexicon.clauseLinks);
      const token = tokens[first];
      const gap = this.#gapBefore(index);
      const afterAsk = (gap === "," || gap === "-") && this.#requestClauses.has(index - 1);
      if (token && (first > clause.from || afterAsk) && this.#lexicon.imperatives.has(token.word)) {
        // After a dash the imperative alone asks: "- recheck in our clinic" may be a plan.
        if (gap === "-" && !this.#requestClauses.has(token.clause))
          this.#imperativeOnly.add(token.clause);
        this.#requestClauses.add(token.clause);
      }
    });
    this.#continueParentheses();
    this.#continueDayClauses();
    this.#continueLists();
    // A lead such as "Could you please:" or "Actions for GP:" carries on to the lines below it.
    let lead = false;
    sentences.forEach((sentence, index) => {
      if (lead) this.#requestSentences.add(index);
      if (sentence.lead) lead = this.#requestSentences.has(index);
    });
  }

  /**
   * A clause that only names who is to act, after a spaced dash ("Plan: repeat FBC in 3/12 -
   * GP", "INR check tomorrow - GP pls arrange"), gives the clause before it to the practice:
   * that clause asks. Not across a sentence's end.
   */
  #findAssigned(): void {
    const { tokens, clauses } = this.#stream;
    for (const m of this.of(LIST.assignees)) {
      const index = tokens[m.from]?.clause ?? -1;
      const clause = clauses[index];
      const previous = clauses[index - 1];
      if (clause === undefined || previous === undefined) continue;
      if (clause.from !== m.from || clause.to !== m.to) continue;
      if (previous.sentence !== clause.sentence || this.#gapBefore(index) !== "-") continue;
      this.#requestSentences.add(clause.sentence);
      this.#requestClauses.add(index - 1);
      this.#requestClauses.add(index);
    }
  }

  /**
   * The words after a parenthesis go on with the clause before it: "Please prescribe a rescue
   * pack (pred 30mg 5/7 + doxy) today" and "do a prescription (bisoprolol 1.25mg OD,
   * furosemide 40mg OM) TODAY" ask for today.
   */
  #continueParentheses(): void {
    const { clauses } = this.#stream;
    clauses.forEach((clause, index) => {
      if (!/^\)\W*$/.test(this.#gapBefore(index))) return;
      for (let inner = index - 1; inner > 0; inner--) {
        const outer = clauses[inner - 1];
        if (outer === undefined || outer.sentence !== clause.sentence) return;
        if (this.#gapBefore(inner) === "(") {
          if (this.#requestClauses.has(inner - 1)) this.#requestClauses.add(index);
          return;
        }
      }
    });
  }

  /** The punctuation between clause `index` and the one before it, trimmed ("," "(" ")."). */
  #gapBefore(index: number): string {
    const { tokens, clauses, body } = this.#stream;
    const a = clauses[index - 1];
    const b = clauses[index];
    return a === undefined || b === undefined
      ? ""
      : body.slice(tokens[a.to - 1]?.end ?? 0, tokens[b.from]?.start ?? 0).trim();
  }

  /**
   * A list split by commas goes on with the asking clause it started in: "GP to recheck LFTs,
   * HBsAg, HCV ab in 2/52" asks for all three in 2/52. A clause of a few words after an asking
   * one, and the clause after such an item, are items of its list; not one that opens with a
   * verb in the past.
   */
  #continueLists(): void {
    const { tokens, clauses } = this.#stream;
    const size = (c: { from: number; to: number }) => c.to - c.from;
    clauses.forEach((clause, index) => {
      const previous = clauses[index - 1];
      if (previous === undefined || previous.sentence !== clause.sentence) return;
      if (!this.#requestClauses.has(index - 1)) return;
      // "compression hosiery pls, measured today" reports what was done.
      if (this.#gapBefore(index) !== "," || isPast(tokens[clause.from]?.word ?? "")) return;
      if (
        size(previous) <= LIST_ITEM_WORDS ||
        size(clause) <= LIST_ITEM_WORDS ||
        this.#endsList(clause)
      )
        this.#requestClauses.add(index);
    });
  }

  /**
   * Does the clause open with the last items of a list, a joiner (`phrases.listJoiners`: "and")
   * after an item of up to `LIST_ITEM_WORDS` words ("Please arrange BP recheck, bloods and ECG
   * this week"; "issue bisoprolol 2.5mg, ramipril 2.5mg and furosemide 40mg today")? Not a
   * joiner as its first word, which links a clause.
   */
  #endsList(clause: { from: number; to: number }): boolean {
    const { tokens } = this.#stream;
    const last = Math.min(clause.to - 1, clause.from + LIST_ITEM_WORDS);
    for (let k = clause.from + 1; k <= last; k++)
      if (this.#lexicon.listJoiners.has(tokens[k]?.word ?? "")) return true;
    return false;
  }

  /**
   * Is the clause's only ask an opening imperative in a task that says it asks nothing ("No
   * action for GP")? Then it is the sender's plan ("Follow up with CMHT in 7 days").
   */
  #plannedImperative(clause: number): boolean {
    return this.saysNothingAsked && this.#imperativeOnly.has(clause);
  }

  /**
   * A clause that opens with a day goes on with the asking clause before it: "Please issue
   * Creon 25000, 2 caps with meals, today so she can collect it". So does a sentence of a few
   * words that opens with one, after a sentence that asks: "can a GP come and see Ivy. today
   * if poss".
   */
  #continueDayClauses(): void {
    const { tokens, clauses, sentences } = this.#stream;
    clauses.forEach((clause, index) => {
      const previous = clauses[index - 1];
      if (previous === undefined) return;
      if (!this.#lexicon.dayWords.has(tokens[clause.from]?.word ?? "")) return;
      if (previous.sentence !== clause.sentence) {
        // The clause opens its sentence here: how many words the whole sentence has.
        const end = clauses[(sentences[clause.sentence]?.to ?? 0) - 1]?.to ?? clause.to;
        if (
          end - clause.from <= DAY_SENTENCE_WORDS &&
          this.#requestSentences.has(previous.sentence)
        ) {
          this.#requestSentences.add(clause.sentence);
          this.#requestClauses.add(index);
        }
        return;
      }
      for (let k = index - 1; k >= 0 && clauses[k]?.sentence === clause.sentence; k--)
        if (this.#requestClauses.has(k)) {
          this.#requestClauses.add(index);
          return;
        }
    });
  }

  /**
   * A clause that opens with a question's modal, then the one asked, then a verb, asks:
   * "Could reception book her in", "can this be actioned". Straight after the modal, a verb
   * ("can mobilise", "will review", "can be discharged") or a negator is a statement.
   */
  #findQuestions(): void {
    const { tokens, clauses } = this.#stream;
    const { requestLeads, clauseLinks, questionSubjects } = this.#lexicon;
    for (const clause of clauses) {
      const first = this.#pastLeads(clause, requestLeads, clauseLinks);
      let at = this.#questionAt(first, clause.to) ? first : -1;
      // "when someone has a minute could they add ...": a modal before the one asked, later in
      // the clause, asks too, when the one asked is someone who could be asked.
      for (let k = first + 1; at < 0 && k < clause.to - 2; k++)
        if (questionSubjects.has(tokens[k + 1]?.word ?? "") && this.#questionAt(k, clause.to))
          at = k;
      if (at >= 0) {
        this.#requestSentences.add(clause.sentence);
        this.#requestClauses.add(tokens[at]?.clause ?? -1);
        this.#imperativeOnly.delete(tokens[at]?.clause ?? -1);
      }
    }
  }

  /** The first token of a clause that is none of `leads`' words ("please", "and"). */
  #pastLeads(clause: { from: number; to: number }, ...leads: ReadonlySet<string>[]): number {
    const { tokens } = this.#stream;
    let first = clause.from;
    while (first < clause.to && leads.some((set) => set.has(tokens[first]?.word ?? ""))) first++;
    return first;
  }

  /** Is token `first` a question's modal followed, within its clause, by the one asked and a verb? */
  #questionAt(first: number, end: number): boolean {
    const { tokens } = this.#stream;
    const { questionModals, questionVerbs, imperatives, negators } = this.#lexicon;
    const verb = (word: string) => imperatives.has(word) || questionVerbs.has(word);
    const subject = tokens[first + 1]?.word;
    if (!questionModals.has(tokens[first]?.word ?? "") || subject === undefined) return false;
    if (first + 1 >= end || questionVerbs.has(subject) || negators.has(subject)) return false;
    // "Can self refer", "could be": a pseudo-trigger at the modal or the one asked.
    if (this.of(LIST.pseudoTriggers).some((t) => t.from <= first + 1 && t.to > first)) return false;
    // A verb straight after the modal is a statement ("will review in clinic"), unless a
    // passive follows: "can repeat lipids be booked".
    const passiveOnly = imperatives.has(subject);
    for (let k = first + 2; k < end && k <= first + 1 + QUESTION_SUBJECT_WORDS; k++) {
      const word = tokens[k]?.word ?? "";
      if (negators.has(word)) return false;
      if (passiveOnly ? questionVerbs.has(word) : verb(word)) return true;
    }
    return false;
  }

  #clauseOf(token: number) {
    const t = this.#stream.tokens[token];
    return t === undefined ? undefined : this.#stream.clauses[t.clause];
  }

  /** A negator within the window before `from`, in its clause, not across a terminator. */
  #negatedBefore(from: number, review: boolean): boolean {
    const clause = this.#clauseOf(from);
    if (clause === undefined) return false;
    const { tokens } = this.#stream;
    const { negators, stops, fillers } = this.#lexicon;
    // The urgent and safety lists reach further: only fillers may come between ("no current
    // thoughts of self-harm").
    const window = review ? this.#lexicon.reviewWindow : this.#lexicon.window;
    let read = 0;
    // The first token the negator may stand at: in the clause, or, for the urgent and safety
    // lists, back across the commas of a list of short items ("no cough, fever, night sweats").
    let first = clause.from;
    if (review) {
      const { clauses } = this.#stream;
      let index = this.#stream.tokens[from]?.clause ?? -1;
      while (
        index > 0 &&
        this.#gapBefore(index) === "," &&
        // "denies chest pain, declined conveyance": a clause that opens with a verb in the past
        // tells something else.
        !isPast(this.#stream.tokens[clauses[index]?.from ?? -1]?.word ?? "") &&
        clauses[index - 1]?.sentence === clauses[index]?.sentence
      ) {
        index--;
        const item = clauses[index];
        if (item === undefined) break;
        first = item.from;
        if (item.to - item.from > LIST_ITEM_WORDS) break;
      }
    }
    for (let k = from - 1; k >= first; k--) {
      // The safety terms of a list do not count against the window: "denies thoughts of self
      // harm or suicide" denies suicide too.
      if (!(review && this.#safetyTerms.has(k)) && ++read > window) break;
      const word = tokens[k]?.word ?? "";
      // A stop that is also a filler ("or") joins a list of safety terms: "no bleeding or
      // bruising" denies both.
      const joins = review && fillers?.has(word) === true && this.#safetyTerms.has(k - 1);
      if (stops.has(word) && !joins) return false;
      // Across a list's commas, only a negator that governs the words after it in its clause
      // ("no cough, fever"), not one that ends its clause ("She's not, barely eating").
      if (negators.has(word) && !this.#pseudo.has(k))
        return k >= clause.from || tokens[k + 1]?.clause === tokens[k]?.clause;
      if (review && fillers !== undefined && !fillers.has(word) && !this.#safetyTerms.has(k))
        return false;
    }
    return false;
  }

  /** A trigger of `list` in the same clause, starting within `reach` tokens after `to`. */
  #after(
    list: number,
    to: number,
    reach: number,
    keep: (t: Mention) => boolean = () => true,
  ): Mention | undefined {
    const clause = this.#clauseOf(to - 1);
    if (clause === undefined) return undefined;
    return this.of(list).find(
      (t) => t.from >= to && t.from <= to + reach && t.from < clause.to && keep(t),
    );
  }

  /** A trigger of `list` earlier in the same clause. */
  #before(
    list: number,
    from: number,
    keep: (t: Mention) => boolean = () => true,
  ): Mention | undefined {
    const clause = this.#clauseOf(from);
    if (clause === undefined) return undefined;
    return this.of(list).find((t) => t.to <= from && t.from >= clause.from && keep(t));
  }

  /** Is any token from `from` up to `to` one of `words`? */
  #anyBetween(from: number, to: number, words: ReadonlySet<string>): boolean {
    const { tokens } = this.#stream;
    for (let i = from; i < to; i++) if (words.has(tokens[i]?.word ?? "")) return true;
    return false;
  }

  /** A hypothetical trigger earlier in the sentence, or straight after in the clause ("refer back if"). */
  #hypothetical(m: Mention): boolean {
    const sentence = this.#stream.tokens[m.from]?.sentence;
    // "if" inside a request ("grateful if", "asks if you could") asks, and inside a
    // pseudo-trigger ("need to know if") it means "whether": neither is a condition.
    const asking = (t: Mention) =>
      this.#within(LIST.action, t) ||
      this.#within(LIST.pseudoTriggers, t) ||
      // Nor inside a safety phrase: "prescribe just in case medication" asks.
      this.#within(LIST.safety, t);
    const after = this.#after(LIST.hypothetical, m.to, 1);
    // Straight after, not across a word that ends a reach: "urgently and advise to attend".
    const joined = after !== undefined && !this.#anyBetween(m.to, after.from, this.#lexicon.stops);
    // Reported advice reaches to the end of its own clause only, and so does a condition inside
    // it: "advised to return if worse, GP to review tomorrow" asks for tomorrow.
    const clause = this.#stream.tokens[m.from]?.clause;
    const clauseOf = (t: Mention) => this.#stream.tokens[t.from]?.clause;
    const advised = (t: Mention) =>
      clauseOf(t) !== clause &&
      this.of(LIST.reportedAdvice).some((a) => a.from <= t.from && clauseOf(a) === clauseOf(t));
    return (
      this.of(LIST.hypothetical).some(
        (t) =>
          t.to <= m.from &&
          this.#stream.tokens[t.from]?.sentence === sentence &&
          !asking(t) &&
          !advised(t) &&
          // A terminator between them ends its reach ("if worse, but please see her today"),
          // as does a dash before an ask of its own ("unless we have the form - can the GP
          // sort this today", "if he contacts the surgery - pls add an alert").
          !this.#anyBetween(t.to, m.from, this.#lexicon.hypotheticalStops) &&
          !this.#askAfterDash(t.to, m.from),
      ) ||
      this.of(LIST.reportedAdvice).some(
        (t) => t.to <= m.from && this.#stream.tokens[t.from]?.clause === clause,
      ) ||
      (after !== undefined && joined && !asking(after))
    );
  }

  /**
   * Does a clause between `from` and `to` (token positions) open with an ask ("please", "can")
   * straight after a spaced dash (`TokenStream` marks the clause the dash ends)? The dash ends
   * what went before as a full stop would.
   */
  #askAfterDash(from: number, to: number): boolean {
    const { tokens, clauses } = this.#stream;
    const { requestLeads, questionModals } = this.#lexicon;
    const last = tokens[to]?.clause ?? -1;
    for (let c = (tokens[from]?.clause ?? clauses.length) + 1; c <= last; c++) {
      const word = tokens[clauses[c]?.from ?? -1]?.word ?? "";
      if (clauses[c - 1]?.dash === true && (requestLeads.has(word) || questionModals.has(word)))
        return true;
    }
    return false;
  }

  /**
   * Does an imperative open a mention straight after "and" or "then" in its clause? It asks,
   * whatever the clause said before it: "her breath test was positive and prescribe eradication
   * therapy".
   */
  #linkedImperative(from: number): boolean {
    const { tokens } = this.#stream;
    const word = tokens[from];
    const link = tokens[from - 1];
    return (
      word !== undefined &&
      link !== undefined &&
      link.clause === word.clause &&
      this.#lexicon.imperatives.has(word.word) &&
      this.#lexicon.clauseLinks.has(link.word)
    );
  }

  /**
   * The context of one mention.
   *
   * @param review - the urgent and safety lists: a negator reaches only across the ruleset's
   *   fillers, since one a few words back usually governs something else
   */
  read(m: Mention, review: boolean): MentionContext {
    const negated =
      (!this.#opensWithPlease(m) && this.#negatedBefore(m.from, review)) ||
      // An ask is taken back only straight after it ("referral not needed"); further on, the
      // words are the news itself ("let her know her HLA-B27 is negative"). A pseudo-negation
      // takes the word for itself: "chest pain trop neg" denies the troponin, not the pain; and
      // a stop ends its reach: "not worth carrying on' but denied any plans".
      this.#after(
        LIST.negatedAfter,
        m.to,
        review ? this.#lexicon.window : 1,
        (t) => !this.#pseudo.has(t.from) && !this.#anyBetween(m.to, t.from, this.#lexicon.stops),
      ) !== undefined;
    const requestBefore = this.#before(LIST.action, m.from);
    // Not a done-word inside an ask either: "can we have a prescription sent over today".
    const doneBefore = this.#before(LIST.done, m.from, (t) => !this.#within(LIST.action, t));
    // A done-word inside an ask is no statement: "referral to be made by GP".
    const doneAfter = this.#after(LIST.doneAfter, m.to, 40, (t) => !this.#within(LIST.action, t));
    // Urgency in a clause that asks qualifies the ask ("pls send ... and any recent meds ASAP"):
    // a done-word elsewhere in the clause does not make it done.
    const asks = review && this.requestClause(m.from);
    const done =
      this.#saysDone(m) ||
      (!asks &&
        !this.#linkedImperative(m.from) &&
        doneBefore !== undefined &&
        (requestBefore === undefined || requestBefore.from < doneBefore.from)) ||
      (!asks &&
        doneAfter !== undefined &&
        requestBefore === undefined &&
        !this.#negatedBefore(doneAfter.from, false));
    const sentence = this.#stream.tokens[m.from]?.sentence ?? -1;
    return {
      negated,
      hypothetical: this.#hypothetical(m),
      done,
      request: this.#requestSentences.has(sentence),
      service: this.#within(LIST.services, m),
      pseudo: this.#within(LIST.pseudoTriggers, m),
    };
  }

  /**
   * Is the asking word itself a statement of what was done, written as the ruleset writes it
   * ("fit note issued": the word "issued", not "issue"), in a clause that asks nothing? Stems
   * alone would not tell them apart.
   */
  #saysDone(m: Mention): boolean {
    const { tokens } = this.#stream;
    const labels = this.#lexicon.labels[LIST.doneAfter] ?? [];
    // "Please ensure only 7 days are issued" asks: the clause holds a request of its own.
    if (this.requestClause(m.from)) return false;
    return this.of(LIST.doneAfter).some((t) => {
      // The mention's own last word(s): "must be done today" still asks.
      if (t.from < m.from || t.to !== m.to) return false;
      const said = tokens
        .slice(t.from, t.to)
        .map((token) => token.word)
        .join(" ");
      return said === labels[t.phrase];
    });
  }

  /** Is the mention inside one of `list`'s? */
  #within(list: number, m: Mention): boolean {
    return this.of(list).some((s) => s.from <= m.from && s.to >= m.to);
  }

  /** The token at (or first after) a position in the body as written. */
  #tokenAt(index: number) {
    const position = this.#stream.tokens.findIndex((t) => t.end > index);
    return { position, token: this.#stream.tokens[position] };
  }

  /**
   * Is the body's word at `index` in a clause that itself asks for something, and not in one
   * that says what was done? ("Pls see today" yes; "went home today, please issue" no.)
   */
  requestAt(index: number): boolean {
    const { position, token } = this.#tokenAt(index);
    if (token === undefined || !this.#requestClauses.has(token.clause)) return false;
    if (this.#plannedImperative(token.clause)) return false;
    // A done-word inside an ask, or after "be", is no statement: "can a prescription be sent
    // to her chemist before Christmas".
    const { askBefore } = this.#lexicon;
    const tokens = this.#stream.tokens;
    const statement = (t: Mention) =>
      !this.#within(LIST.action, t) && !askBefore.has(tokens[t.from - 1]?.word ?? "");
    // A done-word before a later ask in the clause is that earlier statement's, not the ask's:
    // "troponin sent 0315 pt left dept GP please chase and act on result today".
    const asked = (t: Mention) =>
      this.of(LIST.action).some((a) => a.from >= t.to && a.to <= position);
    // "could we have a prescription for leg bags sent to pharmacy today": the done-word is what
    // the ask wants done, after "have" or "get" and what it names.
    const causative = (t: Mention) => {
      const ask = this.#before(LIST.action, t.from);
      return ask !== undefined && this.#anyBetween(ask.from, t.from, this.#lexicon.causatives);
    };
    return (
      this.#before(LIST.done, position, (t) => statement(t) && !asked(t) && !causative(t)) ===
      undefined
    );
  }

  /**
   * Is the body's word at `index` in a clause of advice reported to the patient that names the
   * practice ("advised to see GP urgently today")? In a task that asks, its time is the ask's.
   */
  adviceToPracticeAt(index: number): boolean {
    const { position, token } = this.#tokenAt(index);
    if (token === undefined) return false;
    const inClause = (m: Mention) => this.#stream.tokens[m.from]?.clause === token.clause;
    return (
      this.of(LIST.reportedAdvice).some((m) => m.to <= position && inClause(m)) &&
      this.of(LIST.assignees).some(inClause)
    );
  }

  /**
   * Is the body's word at `index` in a clause that states the sender's own plan ("we will
   * review in 2/52", "clinic in 2 weeks") and asks nothing itself?
   */
  planAt(index: number): boolean {
    return this.planClause(this.#tokenAt(index).position);
  }

  /** `planAt` for the token at `position`: "I will recheck U&E" in "Pls increase, I will recheck U&E". */
  planClause(position: number): boolean {
    const token = this.#stream.tokens[position];
    // An opening imperative with the sender's own place is its plan: "Repeat FBC tomorrow in
    // our ambulatory unit".
    if (token === undefined || this.explicitRequest(position)) return false;
    const clause = this.#stream.clauses[token.clause];
    if (clause === undefined) return false;
    // Not a plan inside a pseudo-trigger: "we will run out on Thursday" is a need.
    return this.of(LIST.senderPlans).some(
      (m) => m.from >= clause.from && m.from < clause.to && !this.#within(LIST.pseudoTriggers, m),
    );
  }

  /**
   * Does the mention come straight after a `toldLeads` phrase ("let her know she can start",
   * "tell him to carry on with")? Its words are what the patient is told, not an ask.
   */
  told(m: Mention): boolean {
    return this.of(LIST.toldLeads).some((t) => t.to === m.from);
  }

  /** Does the clause of token `index` hold a request of its own ("Please action the results")? */
  requestClause(index: number): boolean {
    const token = this.#stream.tokens[index];
    return token !== undefined && this.#requestClauses.has(token.clause);
  }

  /** Do asking words stand earlier in the clause of token `index` ("can you check she's been deducted")? */
  askedBefore(index: number): boolean {
    return this.#before(LIST.action, index) !== undefined;
  }

  /**
   * Does the body say it asks nothing ("no GP action required"), not negated? Then only an
   * explicit ask counts (`explicitRequest`).
   */
  get saysNothingAsked(): boolean {
    this.#nothingAsked ??= this.of(LIST.nothingAsked).some(
      (m) => !this.#negatedBefore(m.from, false),
    );
    return this.#nothingAsked;
  }

  /** Is token `index` in a clause that asks with a request word or a question, not only an opening imperative? */
  explicitRequest(index: number): boolean {
    const token = this.#stream.tokens[index];
    return (
      token !== undefined &&
      this.#requestClauses.has(token.clause) &&
      !this.#imperativeOnly.has(token.clause)
    );
  }

  /** Does sentence `index` carry a request? */
  requestSentence(index: number): boolean {
    return this.#requestSentences.has(index);
  }

  /**
   * Does the sentence at `from` ask under a condition ("If benign please let her know")? Only a
   * category whose asks count under a condition reads it (`asksUnderCondition`).
   */
  conditionalRequest(from: number): boolean {
    return this.#conditionalSentences.has(this.#stream.tokens[from]?.sentence ?? -1);
  }

  /** Is there a request anywhere in the body (not negated, not hypothetical)? */
  get anyRequest(): boolean {
    // A sentence asks unless each clause that asks only states the sender's own plan:
    // "Follow up in clinic 3/12", "Repeat imaging in 6 months will be arranged by us". A
    // sentence asking with no asking clause of its own (the lines under "Actions for GP:") asks.
    const { clauses } = this.#stream;
    const withClauses = new Set<number>();
    for (const index of this.#requestClauses) {
      const clause = clauses[index];
      if (clause === undefined) continue;
      if (this.#plannedImperative(index)) continue;
      if (!this.planClause(clause.from)) return true;
      withClauses.add(clause.sentence);
    }
    for (const sentence of this.#requestSentences) if (!withClauses.has(sentence)) return true;
    return false;
  }
}
