// @gorules/zen-engine on the bench workload:
//   node zen.js RULES.tbl CASES.csv [TABLE_OUT.json]
// One decision table, hit policy `first`, one input column per fact, rows in
// rank order (so the first matching row is the best-ranked rule), and a last
// row with empty cells giving `geen`. Evaluations run 256 at a time.
'use strict';
const fs = require('fs');
const { ZenEngine } = require('@gorules/zen-engine');
const { readRules, readCases, printTally } = require('./common');

async function main() {
  const [tbl, csv, outJson] = process.argv.slice(2);
  const { V, F, rules } = readRules(tbl);
  const inputs = [];
  for (let f = 1; f <= F; f++) inputs.push({ id: 'in_f' + f, name: 'f' + f, field: 'f' + f });
  const ranked = rules.map((r, i) => [r, i]).sort((a, b) => a[0].value - b[0].value || a[1] - b[1]).map(x => x[0]);
  const rows = ranked.map(r => {
    const row = { _id: r.name, out: JSON.stringify(r.outcome) };
    for (let f = 1; f <= F; f++) row['in_f' + f] = '';
    for (const c of r.conds) row['in_' + c.fact] = c.op + ' ' + c.c;
    return row;
  });
  const last = { _id: 'standaard', out: '"geen"' };
  for (let f = 1; f <= F; f++) last['in_f' + f] = '';
  rows.push(last);
  const jdm = {
    nodes: [
      { id: 'req', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      { id: 'table', type: 'decisionTableNode', name: 'uitkomst', position: { x: 200, y: 0 },
        content: { hitPolicy: 'first', inputs, outputs: [{ id: 'out', name: 'uitkomst', field: 'uitkomst' }], rules: rows } },
      { id: 'res', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'req', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'res', type: 'edge' },
    ],
  };
  if (outJson) fs.writeFileSync(outJson, JSON.stringify(jdm, null, 1));
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdm);
  const tally = {};
  // Up to 256 evaluations in flight at once: the native engine then works on
  // its own threads (one at a time, each await costs a thread hand-off and
  // the run is about 4x slower).
  const count = r => { const o = (r.result && r.result.uitkomst) || 'geen'; tally[o] = (tally[o] || 0) + 1; };
  let batch = [];
  for (const facts of readCases(csv)) {
    batch.push(decision.evaluate(facts));
    if (batch.length === 256) { (await Promise.all(batch)).forEach(count); batch = []; }
  }
  (await Promise.all(batch)).forEach(count);
  printTally(V, tally);
}
main().catch(e => { console.error(e); process.exit(1); });
