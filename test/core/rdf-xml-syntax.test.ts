// RDF/XML that the grammar rejects is a parse error naming where, never triples nobody wrote; valid forms still parse.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';

const doc = (body: string) => `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xml:base="https://datos.example.es/">
${body}
</rdf:RDF>`;

const triples = async (body: string) =>
  (await parseRdf(doc(body), { format: 'rdf-xml' })).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);

describe('RDF/XML the grammar rejects', () => {
  it.each([
    // As a real DCAT-AP-ES export writes it: the typed node written as if it were the property element.
    ['rdf:about on a property element', `<dcat:Catalog rdf:about="catalogo">
       <dcat:service rdf:about="servicio/1"><dct:title>API</dct:title></dcat:service></dcat:Catalog>`,
    /Line 5 column \d+: rdf:about is not allowed on the property element <dcat:service>/],
    ['rdf:resource on a node element', '<dcat:Dataset rdf:about="ds/1" rdf:resource="ds/2"/>', /rdf:resource is not allowed on the node element <dcat:Dataset>/],
    ['rdf:parseType on a node element', '<dcat:Dataset rdf:about="ds/1" rdf:parseType="Resource"/>', /rdf:parseType is not allowed on the node element/],
    ['rdf:datatype on a node element', '<dcat:Dataset rdf:about="ds/1" rdf:datatype="http://www.w3.org/2001/XMLSchema#string"/>', /rdf:datatype is not allowed on the node element/],
    ['rdf:li as an attribute (rdf-containers-syntax-vs-schema)', '<rdf:Description rdf:about="ds/1"><dct:title rdf:li="x"/></rdf:Description>', /rdf:li is not allowed on the property element/],
    ['rdf:RDF as an attribute (rdfms-rdf-names-use)', '<rdf:Description rdf:about="ds/1" rdf:RDF="x"/>', /rdf:RDF is not allowed on the node element/],
    ['rdf:Description as an attribute (rdfms-rdf-names-use)', '<rdf:Description rdf:about="ds/1"><dct:title rdf:Description="x"/></rdf:Description>', /rdf:Description is not allowed on the property element/],
    ['rdf:li as a node element (rdfms-rdf-names-use)', '<rdf:li rdf:about="ds/1"/>', /Illegal node element name: li/],
    ['rdf:Description as a property element (rdfms-rdf-names-use)', '<rdf:Description rdf:about="ds/1"><rdf:Description/></rdf:Description>', /Illegal property element name: Description/],
    ['rdf:aboutEach (rdfms-abouteach)', '<rdf:Description rdf:aboutEach="#bag"><dct:title>x</dct:title></rdf:Description>', /rdf:aboutEach is not allowed on the node element/],
    ['rdf:bagID (rdfms-rdf-id)', '<rdf:Description rdf:about="ds/1" rdf:bagID="b1"/>', /rdf:bagID is not allowed on the node element/],
    ['an rdf:ID that is not an NCName (rdfms-rdf-id)', '<rdf:Description rdf:ID="333-555-666"/>', /Not a valid NCName: 333-555-666/],
    ['rdf:nodeID that is not an NCName (rdfms-syntax-incomplete)', '<rdf:Description rdf:nodeID="123"/>', /Not a valid NCName: 123/],
    ['rdf:about and rdf:nodeID on one node (rdfms-syntax-incomplete)', '<rdf:Description rdf:about="ds/1" rdf:nodeID="a"/>', /Only one of rdf:about, rdf:nodeID and rdf:ID/],
    ['rdf:resource and rdf:nodeID on one property (rdfms-syntax-incomplete)', '<rdf:Description rdf:about="ds/1"><dct:publisher rdf:resource="org/1" rdf:nodeID="a"/></rdf:Description>', /both rdf:resource and rdf:nodeID/],
    ['rdf:parseType with rdf:resource (rdfms-empty-property-elements)', '<rdf:Description rdf:about="ds/1"><dct:publisher rdf:resource="org/1" rdf:parseType="Literal"/></rdf:Description>', /rdf:parseType is not allowed/],
    ['two uses of one rdf:ID (rdfms-difference-between-ID-and-about)', '<rdf:Description rdf:ID="a"/><rdf:Description rdf:ID="a"/>', /multiple occurrences of rdf:ID/],
    ['a property element with rdf:resource and content', '<rdf:Description rdf:about="ds/1"><dct:publisher rdf:resource="org/1"><foaf:Agent rdf:about="org/2"/></dct:publisher></rdf:Description>', /must be empty, but holds <foaf:Agent>/],
    ['a property element holding two nodes', '<rdf:Description rdf:about="ds/1"><dct:publisher><foaf:Agent rdf:about="org/1"/><foaf:Agent rdf:about="org/2"/></dct:publisher></rdf:Description>', /holds more than one node element/],
    ['a property element holding text and a node', '<rdf:Description rdf:about="ds/1"><dct:publisher>Ayto.<foaf:Agent rdf:about="org/1"/></dct:publisher></rdf:Description>', /holds both text and the node element/],
    ['text inside a node element', '<dcat:Dataset rdf:about="ds/1">Calidad del aire<dct:title>Aire</dct:title></dcat:Dataset>', /text "Calidad del aire" is not allowed directly inside <dcat:Dataset>/],
    ['text directly under rdf:RDF', 'Calidad del aire <dcat:Dataset rdf:about="ds/1"/>', /not allowed directly inside <rdf:RDF>/],
    ['an unclosed element', '<rdf:Description rdf:about="ds/1"><dct:title>x</rdf:Description>', /unexpected close tag/],
  ])('refuses %s', async (_name, body, message) => {
    await expect(parseRdf(doc(body), { format: 'rdf-xml' })).rejects.toMatchObject({ code: 'CAT_ERR_BAD_RDF', message: expect.stringMatching(message) });
  });
});

describe('RDF/XML the grammar allows', () => {
  it.each([
    ['an empty property element with property attributes', '<rdf:Description rdf:about="ds/1"><dct:publisher foaf:name="Ayto."/></rdf:Description>', 2],
    ['rdf:parseType="Resource"', '<rdf:Description rdf:about="ds/1"><dct:temporal rdf:parseType="Resource"><dcat:startDate>2020-01-01</dcat:startDate></dct:temporal></rdf:Description>', 2],
    ['rdf:parseType="Collection" with several nodes', '<rdf:Description rdf:about="ds/1"><dct:hasPart rdf:parseType="Collection"><rdf:Description rdf:about="a"/><rdf:Description rdf:about="b"/></dct:hasPart></rdf:Description>', 5],
    ['rdf:parseType="Literal" holding XML and text', '<rdf:Description rdf:about="ds/1"><dct:description rdf:parseType="Literal">Aire <b xmlns="http://www.w3.org/1999/xhtml">limpio</b></dct:description></rdf:Description>', 1],
    ['rdf:li in a container', '<rdf:Bag rdf:about="bag"><rdf:li rdf:resource="a"/><rdf:li>b</rdf:li></rdf:Bag>', 3],
    ['rdf:type and a property as attributes of a node', '<rdf:Description rdf:about="ds/1" rdf:type="http://www.w3.org/ns/dcat#Dataset" dct:title="Aire"/>', 2],
    ['a property element with whitespace around its node', '<rdf:Description rdf:about="ds/1"><dct:publisher>\n  <foaf:Agent rdf:about="org/1"/>\n</dct:publisher></rdf:Description>', 2],
  ])('parses %s', async (_name, body, count) => {
    expect(await triples(body)).toHaveLength(count);
  });
});
