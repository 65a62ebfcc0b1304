import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heldOn, qualificationsHeld } from '../../src/assess/qualifications.js';
import type { EntityFacts } from '../../src/types.js';

const facts = (id: string, parent: string | undefined, qualifications: EntityFacts['qualifications']): EntityFacts => ({
  id, name: id, country: 'FR', ultimateParent: 'group', provenance: [], ...(parent ? { parent } : {}), ...(qualifications ? { qualifications } : {}),
});

describe('qualifications held on a date', () => {
  it('counts both ends of the validity as held, and open ends as unbounded', () => {
    assert.equal(heldOn({ since: '2025-09-12', until: '2028-09-11' }, '2025-09-12'), true);
    assert.equal(heldOn({ since: '2025-09-12', until: '2028-09-11' }, '2028-09-11'), true);
    assert.equal(heldOn({ since: '2025-09-12', until: '2028-09-11' }, '2028-09-12'), false);
    assert.equal(heldOn({ since: '2025-09-12' }, '2025-09-11'), false);
    assert.equal(heldOn({}, '1999-01-01'), true);
  });

  it('walks up to the ultimate parent, names the holder, and stops on a parent cycle', () => {
    const entities: Record<string, EntityFacts> = {
      product: facts('product', 'group', undefined),
      group: facts('group', 'product', [
        { scheme: 'secnumcloud', offer: 'IaaS', provenance: [] },
        { scheme: 'hds', offer: 'old', until: '2020-01-01', provenance: [] },
      ] as EntityFacts['qualifications']),
    };
    const held = qualificationsHeld(entities, 'product', '2026-12-05');
    assert.deepEqual(held.map(({ holder, qualification }) => `${holder.id}:${qualification.scheme}`), ['group:secnumcloud']);
    assert.deepEqual(qualificationsHeld(entities, 'nobody', '2026-12-05'), []);
  });
});
