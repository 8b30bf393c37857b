import pino from 'pino';

/** Structured JSON logs. Secrets never reach them: these paths are always redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.secret',
        'DATABASE_URL',
        'SMTP_URL',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;

type Bindings = pino.Bindings;
type ChildOptions = pino.ChildLoggerOptions;

/**
 * A request's logger whose pino child (with its `reqId` binding) is made only when something is
 * logged at an enabled level: most requests log nothing, and making a child for each (bindings
 * serialised, redaction applied) was a measurable part of a request's cost (issue 13, item 4).
 * Once made, every call goes to that child, so what is written is exactly what the child writes.
 */
export class DeferredChildLogger {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  /** The pino child, made on first use. */
  get logger(): Logger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.parent).isLevelEnabled(level);
  }

  #write(level: pino.Level, args: unknown[]): void {
    if (this.#child === undefined && !this.parent.isLevelEnabled(level)) return;
    (this.logger[level] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]) {
    this.#write('fatal', args);
  }
  error(...args: unknown[]) {
    this.#write('error', args);
  }
  warn(...args: unknown[]) {
    this.#write('warn', args);
  }
  info(...args: unknown[]) {
    this.#write('info', args);
  }
  debug(...args: unknown[]) {
    this.#write('debug', args);
  }
  trace(...args: unknown[]) {
    this.#write('trace', args);
  }
  silent() {}

  child(bindings: Bindings, options?: ChildOptions): Logger {
    return this.logger.child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: a deferred child when the route changes nothing of the logger
 * (no level or serialisers of its own: every route here), pino's child otherwise.
 */
export function requestLogger(parent: Logger, bindings: Bindings, options: ChildOptions): Logger {
  if (options.level !== undefined || options.serializers !== undefined) return parent.child(bindings, options);
  return new DeferredChildLogger(parent, bindings, options) as unknown as Logger;
}
