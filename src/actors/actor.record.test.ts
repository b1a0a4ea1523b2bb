import { describe, expect, it } from 'vitest';
import { rowParser } from '../test/records';
import type { RawRow } from '../records/entity';
import { actorSpec } from './actor.record';

const jnim: RawRow = {
  name: 'Jama’at Nusrat al-Islam wal-Muslimin',
  aliases: 'JNIM; GSIM; Groupe de soutien à l’islam et aux musulmans',
  parent: 'al-Qaeda',
  from: '2017-03',
  to: '',
};

const { issuesOf, recordOf } = rowParser(actorSpec, jnim);

describe('actor rows', () => {
  it('reads an armed group with aliases, parent and start month', () => {
    expect(recordOf()).toEqual({
      name: 'Jama’at Nusrat al-Islam wal-Muslimin',
      aliases: ['JNIM', 'GSIM', 'Groupe de soutien à l’islam et aux musulmans'],
      parent: 'al-Qaeda',
      from: { date: '2017-03-01', precision: 'month' },
      to: null,
    });
  });

  it('splits aliases on commas when no semicolon is used', () => {
    expect(recordOf({ aliases: 'JNIM, GSIM' }).aliases).toEqual(['JNIM', 'GSIM']);
  });

  it('drops an alias that is only the name written differently', () => {
    expect(recordOf({ name: 'Ansar Dine', aliases: 'ANSAR DINE; Ansar Eddine; ansar-dine' }).aliases).toEqual(
      ['Ansar Eddine'],
    );
  });

  it('reads French day-first activity dates', () => {
    const record = recordOf({ from: '02/03/2017', to: '31/12/2020' });
    expect(record.from).toEqual({ date: '2017-03-02', precision: 'day' });
    expect(record.to).toEqual({ date: '2020-12-31', precision: 'day' });
  });

  it('rejects an end of activity before its start', () => {
    expect(issuesOf({ from: '2017-03', to: '2016' })).toEqual(['to: "to" is before "from"']);
    expect(issuesOf({ from: '2017-03-02', to: '2017-03-01' })).toEqual(['to: "to" is before "from"']);
  });

  it('accepts an end year that contains the start month, since "2017" may mean as late as December', () => {
    expect(recordOf({ from: '2017-03', to: '2017' }).to).toEqual({ date: '2017-01-01', precision: 'year' });
  });

  it('accepts an actor active for one day', () => {
    expect(recordOf({ from: '2017-03-02', to: '2017-03-02' }).to?.date).toBe('2017-03-02');
  });

  it('rejects an actor named as its own parent, however it is spelled', () => {
    expect(issuesOf({ name: 'Katiba Macina', parent: 'KATIBA  MACINA' })).toEqual([
      'parent: an actor cannot be its own parent',
    ]);
  });

  it('requires a name', () => {
    expect(issuesOf({ name: 'inconnu' })).toEqual(['name: name is required']);
  });

  it('rejects an activity date that is not a date', () => {
    expect(issuesOf({ from: 'printemps 2017' })[0]).toContain('from: "printemps 2017" is not a date');
  });

  it('keys an actor by its folded name, so re-imports with other case or accents match', () => {
    expect(actorSpec.key(recordOf({ name: 'Ansar Dine' }))).toBe(
      actorSpec.key(recordOf({ name: 'ANSAR-DINE' })),
    );
  });

  it('formats a record back to cells that read as the same record', () => {
    const record = recordOf({ to: '2022' });
    const cells = actorSpec.format(record);
    expect(cells).toMatchObject({
      aliases: 'JNIM; GSIM; Groupe de soutien à l’islam et aux musulmans',
      from: '2017-03',
      to: '2022',
    });
    expect(actorSpec.schema.parse(cells)).toEqual(record);
  });
});
