import { Option, type Command } from 'commander';
import { roles, type Role } from '../../access/policy';
import { createUser } from '../../users/users.service';
import { defaultUser, withStore } from '../context';

export function userCommand(program: Command) {
  program
    .command('user')
    .description('accounts')
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
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
