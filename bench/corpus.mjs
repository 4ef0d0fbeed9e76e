// A synthetic blog for benchmarks: N posts of realistic length (about 800
// words: headings, paragraphs, lists, code blocks, links, a table), written as
// Markdown files with front matter, from a fixed seed, so every run and
// machine benchmarks the same text.
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// mulberry32: a small, well-known seeded generator.
export function random(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const technical = `kubernetes terraform lambda eventbridge cloudwatch postgres kafka redis nginx envoy istio grpc protobuf
  json yaml schema migration replica shard partition consumer producer idempotency saga choreography orchestration
  retry backoff timeout circuit breaker latency throughput percentile histogram tracing span metric alert pager
  runbook incident postmortem deploy rollback canary blue green feature flag cache invalidation consistency
  eventual linearizable quorum raft paxos leader election lease lock mutex semaphore queue stream batch window
  watermark checkpoint snapshot compaction vacuum index btree lsm bloom filter hash ring gossip membership
  container image registry pipeline artifact build cache layer volume secret token certificate rotation iam
  policy role permission audit benchmark compliance encryption kms bucket object storage lifecycle budget cost`.split(/\s+/).filter(Boolean);
const common = `the a of and to in is that for it as with was on be by this are from at or an have not but we they
  which you one all their there has been when more can so if will would about what into out up time than
  only then its also two first after could these other some our new how most over any where much because`.split(/\s+/).filter(Boolean);

function makeWords(rand, n) {
  const syll = ['ka', 'lo', 're', 'mi', 'tan', 'ser', 'vo', 'din', 'ex', 'ul', 'pra', 'tes', 'no', 'gra', 'fi', 'zu', 'bel', 'cor'];
  const out = new Set();
  while (out.size < n) {
    let w = '';
    const k = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < k; i++) w += syll[Math.floor(rand() * syll.length)];
    out.add(w);
  }
  return [...out];
}

// Zipf-like: low indexes far more often.
const pick = (rand, list, skew = 1.2) => list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(rand(), skew * 3)))];

export function generate(n, seed = 42) {
  const rand = random(seed);
  const invented = makeWords(rand, 6000);
  const tags = [...technical.slice(0, 40)];
  const word = () => {
    const r = rand();
    return r < 0.45 ? pick(rand, common) : r < 0.7 ? pick(rand, technical, 0.8) : pick(rand, invented);
  };
  const sentence = (len) => {
    const ws = Array.from({ length: len }, word);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    return ws.join(' ') + '.';
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rand() * 4) }, () => sentence(8 + Math.floor(rand() * 12))).join(' ');
  const posts = [];
  for (let i = 0; i < n; i++) {
    const title = Array.from({ length: 3 + Math.floor(rand() * 5) }, word).join(' ');
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 4000) * 86400000).toISOString().slice(0, 10);
    const postTags = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(rand, tags, 0.7)))];
    let body = '';
    let words = 0;
    while (words < 760) {
      body += `## ${sentence(3 + Math.floor(rand() * 4)).slice(0, -1)}\n\n`;
      const p1 = paragraph();
      body += `${p1} See [the ${pick(rand, technical)} notes](https://example.com/${pick(rand, invented)}) for more.\n\n`;
      words += p1.split(' ').length + 8;
      const r = rand();
      if (r < 0.35) {
        body += Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${sentence(5 + Math.floor(rand() * 6))}`).join('\n') + '\n\n';
        words += 25;
      } else if (r < 0.6) {
        body += '```sh\n' + Array.from({ length: 3 + Math.floor(rand() * 5) }, () => `${pick(rand, technical)} --${pick(rand, invented)} ${pick(rand, invented)}`).join('\n') + '\n```\n\n';
        words += 15;
      } else if (r < 0.7) {
        body += `| ${word()} | ${word()} |\n|---|---|\n| ${word()} | ${word()} |\n| ${word()} | ${word()} |\n\n`;
        words += 8;
      }
      const p2 = paragraph();
      body += p2 + '\n\n';
      words += p2.split(' ').length;
    }
    const status = i % 50 === 7 ? 'in-progress' : 'published';
    posts.push({ slug: `post-${String(i).padStart(5, '0')}`, title, date: day, tags: postTags, summary: sentence(14), status, body });
  }
  return posts;
}

// Writes the corpus as a content folder once; returns its path.
export function writeContent(dir, n, seed = 42) {
  mkdirSync(dir, { recursive: true });
  // With an address, so that a build writes feeds, canonical links and a sitemap, as Hugo's does.
  writeFileSync(join(dir, 'site.yaml'), `title: Benchmark blog\ntagline: ${n} generated posts\nurl: https://example.org/\n`);
  if (readdirSync(dir).length === n + 1) return dir;
  for (const p of generate(n, seed)) {
    const progress = p.status === 'in-progress' ? 'progress: 50\n' : '';
    writeFileSync(join(dir, `${p.slug}.md`),
      `---\ntitle: "${p.title}"\ndate: ${p.date}\ntags: [${p.tags.join(', ')}]\nsummary: "${p.summary}"\nstatus: ${p.status}\n${progress}---\n\n${p.body}`);
  }
  return dir;
}

// Queries a reader might type, drawn from the corpus: single words, pairs,
// prefixes of a word being typed, and words with one typo.
export function queries(posts, count = 200, seed = 7) {
  const rand = random(seed);
  const out = [];
  const titleWords = posts.flatMap((p) => p.title.split(' ')).filter((w) => w.length >= 5 && !common.includes(w));
  for (let i = 0; i < count; i++) {
    const a = titleWords[Math.floor(rand() * titleWords.length)];
    const b = titleWords[Math.floor(rand() * titleWords.length)];
    const kind = i % 4;
    if (kind === 0) out.push(a);
    else if (kind === 1) out.push(`${a} ${b}`);
    else if (kind === 2) out.push(a.slice(0, Math.max(3, Math.ceil(a.length * 0.6))));
    else {
      const k = 1 + Math.floor(rand() * (a.length - 2));
      out.push(a.slice(0, k) + a[k + 1] + a[k] + a.slice(k + 2));  // swap two letters
    }
  }
  return out;
}

// The path of one of the page's files in a built site, by the name the page
// template gives it ("engine.wasm"): a site names them by content, assets/engine.HASH.wasm.
export function siteAsset(site, name) {
  const dot = name.lastIndexOf('.');
  const pattern = new RegExp(`^${name.slice(0, dot)}\\.[0-9a-f]{16}\\${name.slice(dot)}$`);
  const found = readdirSync(join(site, 'assets')).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`${site}/assets has ${found.length} files for ${name}: build the site first (./scripts/site.sh)`);
  return join(site, 'assets', found[0]);
}
