// Gemini has no tool-call ids: a functionCall is identified by its name and position, and a
// functionResponse answers by name. We synthesize ids that are stable (the same answer always
// yields the same ids) and carry the function name, so a tool result can be mapped back to its
// name even when the assistant turn that made the call is not in the conversation.
const PREFIX = 'gemini_call';

export function geminiToolCallId(choice: number, index: number, name: string): string {
  return `${PREFIX}_${choice}_${index}_${name}`;
}

/** The function name inside one of our synthesized ids, or undefined for a foreign id. */
export function functionNameFromId(id: string): string | undefined {
  const match = /^gemini_call_\d+_\d+_(.+)$/.exec(id);
  return match?.[1];
}
