// Shared by json_rules.js and zen.js: reads bench/gen.c's rules.tbl and the
// CSV of cases, and prints a tally in the form "OUTCOME COUNT".
'use strict';
const fs = require('fs');

function readRules(path) {
  const lines = fs.readFileSync(path, 'utf8').trim().split('\n');
  const [R, V, F] = lines[0].split(' ').map(Number);
  const rules = [];
  for (let i = 1; i <= R; i++) {
    const x = lines[i].split(' ').map(Number);
    const conds = [];
    for (let k = 0; k < x[1]; k++)
      conds.push({ fact: 'f' + x[2 + 3 * k], op: x[3 + 3 * k] ? '<=' : '>', c: x[4 + 3 * k] });
    rules.push({ name: 'r' + i, value: x[0], outcome: 'o' + x[0], conds });
  }
  return { R, V, F, rules };
}

// Calls onCase(facts) for each row; the header gives the fact names.
function* readCases(path) {
  const text = fs.readFileSync(path, 'utf8');
  let pos = text.indexOf('\n');
  const header = text.slice(0, pos).split(',');
  pos++;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const cells = text.slice(pos, end).split(',');
    pos = end + 1;
    if (cells.length !== header.length) continue;
    const facts = { id: cells[0] };
    for (let i = 1; i < header.length; i++) facts[header[i]] = Number(cells[i]);
    yield facts;
  }
}

function printTally(V, tally) {
  for (let v = 1; v <= V; v++) console.log('o' + v + ' ' + (tally['o' + v] || 0));
  console.log('geen ' + (tally.geen || 0));
}

module.exports = { readRules, readCases, printTally };
