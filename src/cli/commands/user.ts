import { Argument, Option, type Command } from 'commander';
import { z } from 'zod';
import { roles, type Role } from '../../access/policy';
import { NotFound } from '../../core/errors';
import { TOKEN_DAYS } from '../../users/token-lifetime';
import { defaultUser, withStore } from '../context';

export function userCommand(program: Command) {
  const user = program.command('user').description('accounts and their API tokens');
  user
    .command('add')
    .description(
      'create an account; the password is read from HEADSTAMP_PASSWORD or the first line of standard input',
    )
    .argument('<username>')
    .addOption(new Option('--role <role>', 'what the account may do').choices(roles).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the username)')
    .option('--partner <organisation>', 'for a partner account: the organisation records are released to')
    .action(async (username: string, options: { role: Role; name?: string; partner?: string }) => {
      const password = process.env.HEADSTAMP_PASSWORD ?? (await firstLineOfStdin());
      const { createUser } = await import('../../users/users.service');
      const created = await withStore((store) =>
        createUser(
          store.db,
          {
            username,
            displayName: options.name ?? username,
            role: options.role,
            partner: options.partner ?? null,
            password,
          },
          defaultUser(),
        ),
      );
      console.log(`Created ${created.username} (${options.role}).`);
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled
          ? 'disable an account: its sessions end and its API tokens stop working at once'
          : 'enable a disabled account again',
      )
      .argument('<username>')
      .action(async (username: string) => {
        const { changeUser } = await import('../../users/users.service');
        await withStore((store) => changeUser(store.db, username, { disabled }, operator()));
        console.log(`${disabled ? 'Disabled' : 'Enabled'} ${username}.`);
      });
  }

  user
    .command('role')
    .description("change an account's role (its sessions end); the last active administrator stays one")
    .argument('<username>')
    .addArgument(new Argument('<role>', 'what the account may now do').choices(roles))
    .option('--partner <organisation>', 'for a partner account: the organisation records are released to')
    .action(async (username: string, role: Role, options: { partner?: string }) => {
      const { changeUser } = await import('../../users/users.service');
      await withStore((store) =>
        changeUser(
          store.db,
          username,
          { role, ...(options.partner ? { partner: options.partner } : {}) },
          operator(),
        ),
      );
      console.log(`${username} is now ${role}${options.partner ? ` of ${options.partner}` : ''}.`);
    });

  const token = user.command('token').description('API tokens for scripts (`Authorization: Bearer …`)');
  token
    .command('add')
    .description('mint a token for an account and print it, once; only its hash is kept')
    .argument('<username>')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
    .option(
      '--days <days>',
      `days until it expires (default ${TOKEN_DAYS.default}, at most ${TOKEN_DAYS.max})`,
    )
    .action(async (username: string, options: { name: string; days?: string }) => {
      const days = z.coerce.number().int().min(1).max(TOKEN_DAYS.max).optional().parse(options.days);
      const name = z.string().trim().min(1).max(100).parse(options.name);
      const { createApiToken } = await import('../../users/tokens.service');
      const { token: secret, view } = await withStore(async (store) => {
        const owner = await store.db
          .selectFrom('users')
          .select(['id', 'username', 'role'])
          .where('username', '=', username)
          .executeTakeFirst();
        if (!owner) throw new NotFound(`user "${username}"`);
        return createApiToken(
          store.db,
          { userId: owner.id, username, role: owner.role },
          { name, days },
          defaultUser(),
        );
      });
      console.log(`Token #${view.id} "${view.name}" for ${view.username}, expires ${view.expiresAt}:`);
      console.log(secret);
    });
  token
    .command('list')
    .description("every account's tokens, or one account's: never their secret")
    .argument('[username]')
    .action(async (username?: string) => {
      const [{ systemViewer }, { listApiTokens }] = await Promise.all([
        import('../../access/policy'),
        import('../../users/tokens.service'),
      ]);
      const tokens = await withStore((store) =>
        listApiTokens(store.db, systemViewer, username === undefined ? { all: true } : { username }),
      );
      for (const t of tokens) {
        const state = t.revokedAt
          ? `revoked ${t.revokedAt} by ${t.revokedBy}`
          : new Date(t.expiresAt) < new Date()
            ? 'expired'
            : `expires ${t.expiresAt}`;
        console.log(`#${t.id}\t${t.username}\t${t.name}\t${state}\tlast used ${t.lastUsedAt ?? 'never'}`);
      }
      if (tokens.length === 0) console.log('No API tokens.');
    });
  token
    .command('revoke')
    .description('revoke a token at once, by its number (see `user token list`)')
    .argument('<id>')
    .action(async (id: string) => {
      const number = z.coerce.number().int().positive().parse(id);
      const [{ systemViewer }, { revokeApiToken }] = await Promise.all([
        import('../../access/policy'),
        import('../../users/tokens.service'),
      ]);
      const view = await withStore((store) =>
        revokeApiToken(store.db, { ...systemViewer, username: defaultUser() }, number),
      );
      console.log(`Revoked token #${view.id} "${view.name}" of ${view.username}.`);
    });
}

/** The operator at the command line: no account of the mission, so never "themselves". */
const operator = () => ({ userId: null, username: defaultUser() });

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
