// A scenario of HubSpot's official Node client (@hubspot/api-client, unchanged) against the HubSpot emulator
// (docs/hubspot-emulator.md): properties, create, batch upsert, read by id with associations, update by
// idProperty, search, associations, pipelines, merge, archive, and the burst limit with the client's own retry.
// Each answer is checked; the first wrong answer or client error ends the scenario with exit status 1.
//
// HUBSPOT_BASE_URL: the emulator's base URL; HUBSPOT_ACCESS_TOKEN: its token; HUBSPOT_BURST: its
// requests per 10 s (sandbox.requests-per-ten-seconds), spent at the end to see a 429.
'use strict';

const hubspot = require('@hubspot/api-client');

const basePath = required('HUBSPOT_BASE_URL');
const accessToken = required('HUBSPOT_ACCESS_TOKEN');
const burst = Number(required('HUBSPOT_BURST'));
const client = new hubspot.Client({ accessToken, basePath });
const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED';
let checks = 0;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function check(what, condition, seen) {
  if (!condition) {
    throw new Error(`check failed: ${what}; got ${JSON.stringify(seen)}`);
  }
  checks++;
  console.log(`ok ${checks} - ${what}`);
}

/** Awaits a call that must fail with HubSpot's status code; returns the error body. */
async function refused(what, status, call) {
  try {
    const answer = await call();
    throw new Error(`check failed: ${what}; expected HTTP ${status}, got ${JSON.stringify(answer)}`);
  } catch (e) {
    if (e.code !== status) {
      throw e;
    }
    check(`${what} answers ${status}`, true);
    return e.body;
  }
}

async function properties() {
  const unique = await client.crm.properties.coreApi.create('contacts', {
    name: 'external_id', label: 'External id', type: 'string', fieldType: 'text', groupName: 'contactinformation',
    hasUniqueValue: true,
  });
  check('a unique contact property is created', unique.name === 'external_id' && unique.hasUniqueValue === true, unique);
  const read = await client.crm.properties.coreApi.getByName('contacts', 'external_id');
  check('the property reads back as unique', read.hasUniqueValue === true && read.type === 'string', read);
  await client.crm.properties.coreApi.create('contacts', {
    name: 'tier', label: 'Tier', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
    options: [{ label: 'Gold', value: 'gold', displayOrder: 0, hidden: false }],
  });
  const updated = await client.crm.properties.coreApi.update('contacts', 'tier', {
    options: [{ label: 'Gold', value: 'gold', displayOrder: 0, hidden: false },
      { label: 'Silver', value: 'silver', displayOrder: 1, hidden: false }],
  });
  check('an update replaces the options', updated.options.map((o) => o.value).join() === 'gold,silver', updated.options);
}

async function records() {
  const company = await client.crm.companies.basicApi.create({ properties: { name: 'Acme', domain: 'acme.example' } });
  check('a company is created', /^\d+$/.test(company.id) && company.properties.name === 'Acme', company);
  const ann = await client.crm.contacts.basicApi.create({
    properties: { email: 'Ann@Example.com', firstname: 'Ann' },
    associations: [{ to: { id: company.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }] }],
  });
  check('a contact is created with its email lower-cased', ann.properties.email === 'ann@example.com', ann);

  const upsert = await client.crm.contacts.batchApi.upsert({ inputs: [
    { id: 'ext-1', idProperty: 'external_id', properties: { email: 'bo@example.com', firstname: 'Bo', tier: 'gold' } },
    { id: 'ext-2', idProperty: 'external_id', properties: { email: 'cy@example.com', firstname: 'Cy' } },
  ] });
  check('a batch upsert creates two contacts', upsert.results.length === 2 && upsert.results.every((r) => r._new), upsert);
  const again = await client.crm.contacts.batchApi.upsert({ inputs: [
    { id: 'ext-1', idProperty: 'external_id', properties: { lastname: 'Berg' } },
  ] });
  const bo = again.results[0];
  check('the same unique value upserts the same contact', bo._new === false && bo.properties.lastname === 'Berg', bo);

  const withCompany = await client.crm.contacts.basicApi.getById(ann.id, ['email', 'firstname'], undefined, ['companies']);
  const associated = withCompany.associations.companies.results;
  check('a read by id brings the associated company', associated.length === 1 && associated[0].id === company.id
    && associated[0].type === 'contact_to_company_unlabeled', withCompany.associations);

  const updated = await client.crm.contacts.basicApi.update('BO@example.com', { properties: { jobtitle: 'CTO' } }, 'email');
  check('an update by email as idProperty', updated.id === bo.id && updated.properties.jobtitle === 'CTO', updated);

  const batchRead = await client.crm.contacts.batchApi.read({
    inputs: [{ id: ann.id }, { id: bo.id }], properties: ['email', 'jobtitle'], propertiesWithHistory: [],
  });
  check('a batch read returns both contacts', batchRead.results.map((r) => r.properties.email).sort().join()
    === 'ann@example.com,bo@example.com', batchRead.results);

  const found = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'jobtitle', operator: 'EQ', value: 'cto' }] }],
    properties: ['email', 'jobtitle'], sorts: ['-createdate'], limit: 10, after: '0',
  });
  check('search finds the contact by job title', found.total === 1 && found.results[0].id === bo.id, found);

  await refused('a second contact with the same email', 409, () =>
    client.crm.contacts.basicApi.create({ properties: { email: 'ann@example.com' } }));
  return { company, ann, bo, cyId: upsert.results.find((r) => r.properties.email === 'cy@example.com').id };
}

async function ticketsAndPipelines(ids) {
  const pipelines = await client.crm.pipelines.pipelinesApi.getAll('tickets');
  check('tickets have the default pipeline 0', pipelines.results.length === 1 && pipelines.results[0].id === '0', pipelines);
  const pipeline = await client.crm.pipelines.pipelinesApi.getById('tickets', '0');
  check('pipeline 0 has four stages', pipeline.stages.length === 4, pipeline.stages);
  const stages = await client.crm.pipelines.pipelineStagesApi.getAll('tickets', '0');
  check('its last stage is closed', stages.results[3].metadata.ticketState === 'CLOSED', stages.results[3]);

  const refusal = await refused('a ticket without hs_pipeline_stage', 400, () =>
    client.crm.tickets.basicApi.create({ properties: { subject: 'Printer on fire' } }));
  check('the refusal names the missing stage', /hs_pipeline_stage/.test(refusal.message), refusal);
  const ticket = await client.crm.tickets.basicApi.create({
    properties: { subject: 'Printer on fire', hs_pipeline_stage: stages.results[0].id },
  });
  check('a ticket lands in pipeline 0', ticket.properties.hs_pipeline === '0', ticket.properties);

  // the client's models name the JSON field "from" `_from` (a reserved word in its TypeScript)
  const byDefault = await client.crm.associations.v4.batchApi.createDefault('tickets', 'contacts',
    { inputs: [{ _from: { id: ticket.id }, to: { id: ids.ann.id } }] });
  check('a default ticket-to-contact association is type 16',
    byDefault.results[0].associationSpec.associationTypeId === 16, byDefault.results);
  const labelled = await client.crm.associations.v4.basicApi.create('contacts', ids.ann.id, 'companies', ids.company.id,
    [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 }]);
  check('a primary association carries its label', labelled.labels.includes('Primary'), labelled);
  const page = await client.crm.associations.v4.basicApi.getPage('contacts', ids.ann.id, 'companies', undefined, 500);
  check('the contact lists the company with both types', page.results.length === 1
    && page.results[0].associationTypes.map((t) => t.typeId).sort().join() === '1,279', page.results);
  const ofTicket = await client.crm.associations.v4.basicApi.getPage('tickets', ticket.id, 'contacts');
  check('the ticket lists its contact', ofTicket.results[0].toObjectId === ids.ann.id, ofTicket.results);

  await client.crm.associations.v4.basicApi.archive('tickets', ticket.id, 'contacts', ids.ann.id);
  const none = await client.crm.associations.v4.basicApi.getPage('tickets', ticket.id, 'contacts');
  check('a deleted association is gone', none.results.length === 0, none);
  await client.crm.associations.v4.batchApi.archive('contacts', 'companies',
    { inputs: [{ _from: { id: ids.ann.id }, to: [{ id: ids.company.id }] }] });
  const unlinked = await client.crm.associations.v4.basicApi.getPage('companies', ids.company.id, 'contacts');
  check('a batch archive removes the pair in both directions', unlinked.results.length === 0, unlinked);
}

async function mergeAndArchive(ids) {
  const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: ids.ann.id, objectIdToMerge: ids.cyId });
  check('a merge keeps the primary contact', merged.id === ids.ann.id
    && merged.properties.hs_merged_object_ids === ids.cyId, merged.properties);

  await client.crm.contacts.basicApi.archive(ids.bo.id);
  await refused('a read of the archived contact', 404, () => client.crm.contacts.basicApi.getById(ids.bo.id));
  const archived = await client.crm.contacts.basicApi.getPage(100, undefined, ['email'], undefined, undefined, true);
  check('archived=true lists the archived and the merged contact', archived.results.map((r) => r.id).sort().join()
    === [ids.bo.id, ids.cyId].sort().join() && archived.results.every((r) => r.archived), archived.results);
  await client.crm.companies.batchApi.archive({ inputs: [{ id: ids.company.id }] });
  const companies = await client.crm.companies.basicApi.getPage();
  check('a batch archive empties the companies', companies.results.length === 0, companies);
}

async function burstLimit() {
  const raw = await client.apiRequest({ method: 'GET', path: '/crm/v3/objects/contacts' });
  check('answers carry the burst headers', raw.headers.get('x-hubspot-ratelimit-max') === String(burst)
    && raw.headers.get('x-hubspot-ratelimit-interval-milliseconds') === '10000', Object.fromEntries(raw.headers));
  let remaining = Number(raw.headers.get('x-hubspot-ratelimit-remaining'));
  while (remaining > 0) {
    remaining = Number((await client.apiRequest({ method: 'GET', path: '/crm/v3/objects/contacts' }))
      .headers.get('x-hubspot-ratelimit-remaining'));
  }
  const body = await refused('a call past the burst limit', 429, () => client.crm.contacts.basicApi.getPage());
  check('the 429 names the ten-second policy', body.policyName === 'TEN_SECONDLY_ROLLING'
    && body.errorType === 'RATE_LIMIT', body);
  // the client's own retry waits 10 s on TEN_SECONDLY_ROLLING (its RetryDecorator) and then gets through
  const retrying = new hubspot.Client({ accessToken, basePath, numberOfApiCallRetries: 2 });
  const page = await retrying.crm.contacts.basicApi.getPage();
  check('the client retries the 429 and is answered', Array.isArray(page.results), page);
}

async function main() {
  await properties();
  const ids = await records();
  await ticketsAndPipelines(ids);
  await mergeAndArchive(ids);
  await burstLimit();
  console.log(`scenario OK: ${checks} checks`);
}

main().catch((e) => {
  console.error(`scenario FAILED after ${checks} checks: ${e.message}`);
  if (e.body) {
    console.error(JSON.stringify(e.body));
  }
  process.exit(1);
});
