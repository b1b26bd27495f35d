import fs from 'fs'; import yaml from 'yaml';
const [locale, addFile, apply] = process.argv.slice(2);
const dir = `corpus/${locale}`;
const norm = s => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
const strip = s => norm(s).replace(/(って|は|が|を|に|で|も|の|か|ね|よ)/g, '');
function lev(a, b) { const m=a.length,n=b.length; let p=Array.from({length:n+1},(_, j)=>j);
  for (let i=1;i<=m;i++){const c=[i];for(let j=1;j<=n;j++)c[j]=Math.min(p[j]+1,c[j-1]+1,p[j-1]+(a[i-1]===b[j-1]?0:1));p=c;} return p[n]; }
// parse additions
const add = {}; let cur;
for (const line of fs.readFileSync(addFile,'utf8').split('\n')) {
  if (line.startsWith('## ')) { cur = line.slice(3).trim(); add[cur] ??= []; continue; }
  if (line.trim()) add[cur].push(line.trim());
}
// existing utterances & tests (tests only used for a silent collision check)
const existing = []; const testNorms = new Set(); const fileOf = {};
for (const f of fs.readdirSync(dir)) {
  const d = yaml.parse(fs.readFileSync(`${dir}/${f}`, 'utf8'));
  for (const it of d.intents) { fileOf[it.id] = f;
    for (const u of it.utterances) existing.push({u, id: it.id, n: norm(u), s: strip(u)});
    for (const t of it.tests ?? []) testNorms.add(norm(t)); }
}
let testHits = 0; const accepted = {};
const seen = new Map(existing.map(e => [e.n, e.id]));
for (const [id, list] of Object.entries(add)) {
  accepted[id] = [];
  for (const u of list) {
    const n = norm(u), s = strip(u);
    if (testNorms.has(n)) { testHits++; continue; }
    if (seen.has(n)) { console.log(`DUP  [${id}] ${u}  (exists in ${seen.get(n)})`); continue; }
    const near = existing.find(e => e.s === s || (Math.min(n.length, e.n.length) > 4 && lev(n, e.n) <= (locale==='ja'?1:2)));
    if (near) { console.log(`NEAR [${id}] ${u}  ~  [${near.id}] ${near.u}`); continue; }
    seen.set(n, id); existing.push({u, id, n, s}); accepted[id].push(u);
  }
}
console.log('dropped (collide with held-out tests):', testHits);
if (apply !== 'apply') { for (const [id,l] of Object.entries(accepted)) console.log(id, l.length); process.exit(0); }
// apply by text insertion before each intent's "    tests:" line
const byFile = {};
for (const id of Object.keys(accepted)) (byFile[fileOf[id]] ??= []).push(id);
for (const [f, ids] of Object.entries(byFile)) {
  const path = `${dir}/${f}`; const before = yaml.parse(fs.readFileSync(path,'utf8'));
  let lines = fs.readFileSync(path, 'utf8').split('\n');
  for (const id of ids) {
    const start = lines.findIndex(l => l === `  - id: ${id}`);
    let i = start + 1; while (lines[i] !== '    utterances:') i++;
    i++; while (i < lines.length && lines[i].startsWith('      - ')) i++;
    const ins = accepted[id].map(u => { const q = yaml.stringify(u, {lineWidth: 0}).trimEnd();
      if (q.includes('\n')) throw new Error('multiline '+u); return `      - ${q}`; });
    lines.splice(i, 0, ...ins);
  }
  fs.writeFileSync(path, lines.join('\n'));
  const after = yaml.parse(fs.readFileSync(path,'utf8'));
  for (const it of after.intents) { const b = before.intents.find(x => x.id === it.id);
    const exp = [...b.utterances, ...(accepted[it.id] ?? [])];
    if (JSON.stringify(exp) !== JSON.stringify(it.utterances)) throw new Error('mismatch '+it.id);
    if (JSON.stringify(b.tests) !== JSON.stringify(it.tests) || b.answer !== it.answer) throw new Error('changed other '+it.id);
    console.log(f, it.id, b.utterances.length, '->', it.utterances.length); }
}
