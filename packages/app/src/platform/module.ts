// The module manifest: what a capability adds to Involve. Each module exports one from its
// module.ts; the composition root (src/modules/index.ts) lists them and hands the list to the
// server, the migrator, the job runner, the command line and the demo loader. The platform knows
// modules only through this shape, never by name.
import type { Migration } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './database.js';
import type { Actor, PolicyRules } from './permissions.js';
import type { App, PageLink, SignedInAccount } from './web/types.js';

export type { PageLink };

export interface InvolveModule {
  /** The module's folder name: it prefixes its migrations ("complaints/0001_complaints") and views. */
  name: string;
  /** The tables this module owns. Only its own code reads or writes them (the boundary test checks). */
  tables: readonly string[];
  /**
   * Its tables whose rows no page a visitor who is not signed in can see (sessions, ballots while
   * voting, drafts): writing them leaves the page cache as it is (pageCache.ts). Every other table
   * invalidates it on each write.
   */
  notOnPublicPages?: readonly string[];
  /** Its migrations, by name within the module ("0001_complaints"), forward-only. */
  migrations: Readonly<Record<string, ModuleMigration>>;
  /** Pages and API routes. */
  routes?: (app: App) => Promise<void>;
  /** Its policy entries (from definePolicy): listed here so the composition root loads every one. */
  policy?: PolicyRules;
  /** One-off messages shown after a redirect with ?done=KEY. */
  flash?: Readonly<Record<string, string>>;
  /** Work that repeats while the server runs; every instance runs it, each tick claims its work. */
  jobs?: readonly ModuleJob[];
  /** Commands of the `involve` command line. */
  commands?: readonly ModuleCommand[];
  /** Links this module adds to pages other modules own (an organisation's page, a place's, the account page, the home page). */
  links?: ModuleLinks;
  /** Who is asking: at most one module (accounts) answers for sessions and API tokens. */
  identity?: IdentityProvider;
  /** Demo data, loaded in stages across modules (every module's stage 1, then stage 2, …). */
  demo?: readonly DemoStep[];
  /** The module's rows about this person, by table (the right of access; see rights.ts): only theirs, never another person's id, email or name. */
  personalData?: (db: Db, person: Person) => Promise<PersonalRows>;
  /** What the module removes or anonymises when the person closes their account, as the privacy notice says (db is the closing's transaction). */
  closeAccount?: (db: Db, person: Person, options: CloseAccountOptions) => Promise<void>;
}

/** Whose data: the account, and the address that rows kept by email (rolls, registrations) use. */
export interface Person {
  accountId: number;
  email: string;
}

/** A module's rows about one person, by table name. */
export type PersonalRows = Record<string, unknown[]>;

export interface CloseAccountOptions {
  /** Take the person's published stories down too (otherwise they stay under their display name). */
  withdrawStories: boolean;
}

export interface ModuleMigration extends Migration {
  /** The name it ran under before migrations were named by module, so it is not run twice. */
  formerName?: string;
}

export interface JobContext {
  db: Db;
  config: Config;
  logger: Logger;
  /** Involve acting on its own, allowed only the policy's 'system' rules. */
  actor: Actor;
  now: Date;
}

export interface ModuleJob {
  /** Unique across Involve; also the name of its lease, so one instance runs it at a time. */
  name: string;
  everyMs: number;
  /** Run once as soon as the server starts. */
  runAtStart?: boolean;
  run(context: JobContext): Promise<unknown>;
}

export interface CommandContext {
  args: string[];
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Opens and migrates the database (only for commands that need one); closed after the command. */
  openDatabase(): Promise<Db>;
  actor: Actor;
}

export interface ModuleCommand {
  /** The first word(s) after `involve`, e.g. "working-days" or "import organisations". */
  name: string;
  /** Arguments as shown in the usage, e.g. "DATE [N]". */
  usage?: string;
  summary: string;
  /** Exit code: 0 done, 1 done with problems, 2 bad usage or input. */
  run(context: CommandContext): Promise<number>;
}

export interface LinkContext {
  actor: Actor;
  db: Db;
}

/** For the signed-in person's own things: their services take the config too. */
export interface MineContext extends LinkContext {
  config: Config;
}

/** Each returns the links to show (none when the actor may not follow them). */
export interface ModuleLinks {
  organisation?: (context: LinkContext, organisation: { id: number; name: string }) => Promise<PageLink[]> | PageLink[];
  place?: (context: LinkContext, place: { id: number; name: string }) => Promise<PageLink[]> | PageLink[];
  account?: (context: LinkContext) => Promise<PageLink[]> | PageLink[];
  /** Its "take part" entry pages, each with a one-line description: the home page and /take-part list them. */
  home?: (context: LinkContext) => Promise<PageLink[]> | PageLink[];
  /** The signed-in person's own open things (a story awaiting an answer, an open complaint): the home page shows them first. */
  mine?: (context: MineContext) => Promise<PageLink[]> | PageLink[];
}

export interface IdentityProvider {
  /** The cookie that holds the session secret. */
  sessionCookieName: string;
  /** The actor and account behind a session cookie (anonymous when none or expired). */
  fromSession(db: Db, secret: string | undefined): Promise<{ actor: Actor; account: SignedInAccount | null }>;
  /** The actor behind a personal API token, or null when unknown or revoked. */
  fromApiToken(db: Db, token: string): Promise<Actor | null>;
}

export interface DemoContext {
  db: Db;
  /** Ids of demo records by key, shared between the modules' demo steps ("organisation:acute"). */
  ids: Map<string, number>;
  /** The id stored under a key by an earlier step (throws when missing: a demo step out of order). */
  id(key: string): number;
}

export interface DemoStep {
  stage: 1 | 2 | 3;
  load(context: DemoContext): Promise<void>;
}

/** Check the list once at start: unique names, one identity provider, unique job and command names. */
export function checkModules(modules: readonly InvolveModule[]): void {
  const seen = new Set<string>();
  const unique = (kind: string, name: string) => {
    const key = `${kind}:${name}`;
    if (seen.has(key)) throw new Error(`Two modules declare the ${kind} "${name}"`);
    seen.add(key);
  };
  for (const module of modules) {
    unique('module', module.name);
    for (const table of module.tables) unique('table', table);
    for (const table of module.notOnPublicPages ?? []) {
      if (!module.tables.includes(table)) throw new Error(`Module "${module.name}" says its table "${table}" is not on public pages, but does not own it`);
    }
    for (const job of module.jobs ?? []) unique('job', job.name);
    for (const command of module.commands ?? []) unique('command', command.name);
    for (const key of Object.keys(module.flash ?? {})) unique('flash message', key);
  }
  if (modules.filter((m) => m.identity).length > 1) throw new Error('More than one module answers for who is asking');
}

/** All the links modules add to one kind of page, in module order. */
export async function linksFor<K extends keyof ModuleLinks>(
  modules: readonly InvolveModule[],
  kind: K,
  ...args: Parameters<NonNullable<ModuleLinks[K]>>
): Promise<PageLink[]> {
  const lists = await Promise.all(
    modules.map((m) => {
      const provider = m.links?.[kind] as ((...a: typeof args) => Promise<PageLink[]> | PageLink[]) | undefined;
      return provider ? provider(...args) : [];
    }),
  );
  return lists.flat();
}
