// A decision keeps the name of the body that made it: the registry may delete the body later (its
// id on the decision then becomes null), and the public record must still say who decided. Before
// this, deleting a body that had decided something broke the rule "a body or an officer decided"
// and the delete failed (found by the fuzz test).
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table decision add column body_name text check (length(body_name) <= 200);
    update decision set body_name = body.name from body where body.id = decision.body_id;
    alter table decision drop constraint decision_check;
    alter table decision add constraint decision_decided_by check (body_name is not null or officer is not null);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table decision drop constraint decision_decided_by;
    alter table decision add constraint decision_check check (body_id is not null or officer is not null);
    alter table decision drop column body_name;
    `,
  );
}
