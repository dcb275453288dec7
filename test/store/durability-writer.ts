// Child process for oxigraph-durability.test.ts: replaces graphs in a loop, printing each one that returned.
import { DataFactory } from 'n3';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const store = await OxigraphStore.open({ dataDir: process.argv[2]! });
process.stdout.write('open\n');
for (let i = 0; ; i++) {
  const graph = `http://durable.test/graph/${i % 500}`;
  // Every version of a graph has 20 quads, all tagged with the version: a mix would show two tags.
  const quads = Array.from({ length: 20 }, (_, k) =>
    quad(k % 5 === 0 ? blankNode(`b${k}`) : namedNode(`http://durable.test/s/${k}`), namedNode('http://durable.test/version'), literal(String(i))),
  );
  if (i % 7 === 3) await store.update(`INSERT DATA { GRAPH <http://durable.test/update/${i}> { <http://durable.test/u> <http://durable.test/version> "${i}" } }`);
  else await store.replaceGraph(graph, quads);
  process.stdout.write(`${i}\n`);
}
