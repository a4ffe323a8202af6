import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long runs (cli-progress), silent when stderr is not a
 * terminal so logs, pipes and CI output stay clean.
 */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar | undefined;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    if (!stream.isTTY) return;
    this.bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% {detail}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(1000, 0, { detail: '' });
  }

  /** `fraction` of the work done (0–1), with an optional detail such as "seed 3/20". */
  update(fraction: number, detail = ''): void {
    this.bar?.update(Math.round(Math.min(1, Math.max(0, fraction)) * 1000), { detail });
  }

  stop(): void {
    this.bar?.stop();
  }
}
