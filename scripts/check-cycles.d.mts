// Types of check-cycles.mjs (plain JS so `npm run lint` runs it without a TypeScript step).
export function sourceFiles(dir: string): string[];
export function importGraph(files: string[]): Map<string, string[]>;
export function findCycles(graph: Map<string, string[]>): string[][];
