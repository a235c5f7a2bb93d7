// json-rules-engine on the bench workload:
//   node json_rules.js RULES.tbl CASES.csv [RULES_OUT.json]
// One rule per Houvast rule (all: [conditions]), priority from the rank;
// the first rule that succeeds stops the run, as a rule ranked lower may not
// change the outcome. No rule: `geen`.
'use strict';
const fs = require('fs');
const { Engine } = require('json-rules-engine');
const { readRules, readCases, printTally } = require('./common');

async function main() {
  const [tbl, csv, outJson] = process.argv.slice(2);
  const { V, rules } = readRules(tbl);
  const jr = rules.map(r => ({
    name: r.name,
    priority: V - r.value + 1,
    conditions: { all: r.conds.map(c => ({ fact: c.fact, operator: c.op === '>' ? 'greaterThan' : 'lessThanInclusive', value: c.c })) },
    event: { type: r.outcome },
  }));
  if (outJson) fs.writeFileSync(outJson, JSON.stringify(jr, null, 1));
  const engine = new Engine(jr, { allowUndefinedFacts: true });
  engine.on('success', () => engine.stop());
  const tally = {};
  for (const facts of readCases(csv)) {
    const { events } = await engine.run(facts);
    // Rules of one priority run together: take the best-ranked event.
    let best = null;
    for (const e of events) if (best === null || Number(e.type.slice(1)) < Number(best.slice(1))) best = e.type;
    const o = best || 'geen';
    tally[o] = (tally[o] || 0) + 1;
  }
  printTally(V, tally);
}
main().catch(e => { console.error(e); process.exit(1); });
