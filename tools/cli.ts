// The `yoco` command dispatcher: maps a command name to tools/commands/* and turns usage errors
// into exit code 2 and engine errors (bad bundle, impossible IPC, …) into exit code 1, one line each.
import { UsageError } from './lib/args';
import { YocoError } from '../src/engine/errors';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  inspect: {
    summary: 'validate a bundle and summarise it',
    load: async () => (await import('./commands/inspect')).runInspect,
  },
  select: {
    summary: 'print the sample indices a method keeps at a target IPC',
    load: async () => (await import('./commands/select')).runSelect,
  },
  train: {
    summary: 'prune, train ConvNet-D3 and print the test accuracy',
    load: async () => (await import('./commands/train')).runTrain,
  },
  table: {
    summary: 'print a YOCO-style accuracy table (mean ± std over seeds)',
    load: async () => (await import('./commands/table')).runTable,
  },
  diagnose: {
    summary: 'explain a selection without training: score correlations and kept-sample geometry',
    load: async () => (await import('./commands/diagnose')).runDiagnose,
  },
  bench: {
    summary: 'training throughput (samples/s) of ConvNet-D3 on each Node backend',
    load: async () => (await import('./commands/bench')).runBench,
  },
  build: {
    summary: 'condense a real dataset once into a bundle with scores',
    load: async () => (await import('./commands/build')).runBuild,
  },
  teacher: {
    summary: 'train a teacher on the real data and add it to a bundle (for --labels teacher)',
    load: async () => (await import('./commands/teacher')).runTeacher,
  },
  import: {
    summary: "import another tool's condensed set (.pt, .npz), score it, write a bundle",
    load: async () => (await import('./commands/import')).runImport,
  },
};

function usage(): string {
  const lines = [
    'usage: npm run yoco -- <command> [options]   (<command> --help for its options)',
    '',
  ];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`yoco: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`yoco ${name}: ${err.message} (see: yoco ${name} --help)`);
      return 2;
    }
    if (err instanceof YocoError) {
      console.error(`yoco ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
