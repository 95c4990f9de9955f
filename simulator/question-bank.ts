// A bank of 50 labelled multiple-choice questions, generated deterministically from a fixed seed,
// plus the rule deciding whether a given model answers a given question correctly. The rule ranks
// the bank by hash(model, question) and marks the first round(accuracy × N) as correct: per
// (model, question) it is fixed, and over the whole bank the accuracy is exactly the configured one.
import { createRng, hashString } from './rng.ts';
import type { Rng } from './rng.ts';

export const LABELS = ['A', 'B', 'C', 'D'] as const;
export type Label = (typeof LABELS)[number];

export interface Question {
  id: string;
  category: 'multiplication' | 'addition' | 'remainder' | 'capitals' | 'primes';
  question: string;
  options: Record<Label, string>;
  answer: Label;
  /** A ready-to-send prompt: question, options and the expected reply format. */
  prompt: string;
}

const CAPITALS: ReadonlyArray<[string, string]> = [
  ['France', 'Paris'], ['Japan', 'Tokyo'], ['Canada', 'Ottawa'], ['Australia', 'Canberra'], ['Brazil', 'Brasília'],
  ['Kenya', 'Nairobi'], ['Norway', 'Oslo'], ['Egypt', 'Cairo'], ['Peru', 'Lima'], ['Vietnam', 'Hanoi'],
  ['Turkey', 'Ankara'], ['Morocco', 'Rabat'], ['New Zealand', 'Wellington'], ['Switzerland', 'Bern'],
];

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** Three distinct wrong numbers near `correct`, as plausible distractors. */
function numericDistractors(correct: number, rng: Rng, spread: number): number[] {
  const out = new Set<number>();
  while (out.size < 3) {
    const delta = rng.int(1, spread) * (rng.next() < 0.5 ? -1 : 1);
    const candidate = correct + delta;
    if (candidate !== correct && candidate >= 0) out.add(candidate);
  }
  return [...out];
}

function build(id: string, category: Question['category'], question: string, correct: string, wrong: string[], rng: Rng): Question {
  const answer = LABELS[rng.int(0, 3)] as Label;
  const others = [...wrong];
  const options = {} as Record<Label, string>;
  for (const label of LABELS) options[label] = label === answer ? correct : (others.shift() as string);
  const prompt = `${question}\n${LABELS.map((l) => `${l}) ${options[l]}`).join('\n')}\nReply with the letter of the correct option as "Answer: <letter>".`;
  return { id, category, question, options, answer, prompt };
}

function generateBank(): Question[] {
  const rng = createRng(20240601);
  const questions: Question[] = [];
  const seen = new Set<string>();
  const add = (category: Question['category'], make: () => { question: string; correct: string; wrong: string[] }) => {
    for (;;) {
      const q = make();
      if (seen.has(q.question)) continue;
      seen.add(q.question);
      questions.push(build(`q${String(questions.length + 1).padStart(2, '0')}`, category, q.question, q.correct, q.wrong, rng));
      return;
    }
  };
  for (let i = 0; i < 10; i++) {
    add('multiplication', () => {
      const a = rng.int(12, 99), b = rng.int(12, 99);
      return { question: `What is ${a} × ${b}?`, correct: String(a * b), wrong: numericDistractors(a * b, rng, 40).map(String) };
    });
    add('addition', () => {
      const a = rng.int(100, 999), b = rng.int(100, 999), c = rng.int(10, 99);
      return { question: `What is ${a} + ${b} + ${c}?`, correct: String(a + b + c), wrong: numericDistractors(a + b + c, rng, 20).map(String) };
    });
    add('remainder', () => {
      const a = rng.int(100, 999), b = rng.int(7, 19);
      const r = a % b;
      const wrong = new Set<number>();
      while (wrong.size < 3) { const w = rng.int(0, b - 1); if (w !== r) wrong.add(w); }
      return { question: `What is the remainder when ${a} is divided by ${b}?`, correct: String(r), wrong: [...wrong].map(String) };
    });
    add('capitals', () => {
      const [country, capital] = rng.pick(CAPITALS);
      const wrong = new Set<string>();
      while (wrong.size < 3) { const [, other] = rng.pick(CAPITALS); if (other !== capital) wrong.add(other); }
      return { question: `What is the capital city of ${country}?`, correct: capital, wrong: [...wrong] };
    });
    add('primes', () => {
      let prime = rng.int(50, 400);
      while (!isPrime(prime)) prime++;
      const wrong = new Set<number>();
      while (wrong.size < 3) { const w = rng.int(50, 400) | 1; if (!isPrime(w) && w % 5 !== 0) wrong.add(w); }
      const wrongList = [...wrong].sort((x, y) => x - y);
      return { question: `Which of these numbers is prime: ${[prime, ...wrongList].sort((x, y) => x - y).join(', ')}?`, correct: String(prime), wrong: wrongList.map(String) };
    });
  }
  return questions;
}

export const QUESTION_BANK: readonly Question[] = generateBank();

/** The bank question whose text appears in `text` (e.g. the last user message), if any. */
export function findQuestion(text: string): Question | undefined {
  return QUESTION_BANK.find((q) => text.includes(q.question));
}

/**
 * The label `model` picks for `question` at `accuracy`. Wrong answers are also deterministic,
 * so an ensemble of different models sees real disagreement rather than random noise.
 */
export function chooseAnswer(model: string, question: Question, accuracy: number): { label: Label; correct: boolean } {
  const ranked = [...QUESTION_BANK].sort((a, b) => hashString(`${model}|${a.id}`) - hashString(`${model}|${b.id}`));
  const rank = ranked.findIndex((q) => q.id === question.id);
  const correct = rank < Math.round(accuracy * QUESTION_BANK.length);
  if (correct) return { label: question.answer, correct };
  const wrong = LABELS.filter((l) => l !== question.answer);
  return { label: wrong[hashString(`${model}|${question.id}|wrong`) % wrong.length] as Label, correct };
}
