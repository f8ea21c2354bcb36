import { describe, expect, it } from 'vitest';
import { closeCodes, closestName, closestNames } from '../src/util/suggest.js';

const MANIFEST_KEYS = [
  '$schema',
  'manifestVersion',
  'name',
  'aliases',
  'description',
  'website',
  'repositories',
  'categories',
  'sdgs',
  'licenses',
  'ownership',
  'platformIndependence',
  'documentation',
  'dataExtraction',
  'privacy',
  'standards',
  'doNoHarm',
  'contact',
  'registry',
  'policy',
];

describe('closestName (issue 16 suggestions)', () => {
  it.each([
    ['sdg', 'sdgs'],
    ['license', 'licenses'],
    ['licences', 'licenses'],
    ['repository', 'repositories'],
    ['alias', 'aliases'],
    ['websites', 'website'],
    ['Documentation', 'documentation'],
    ['do_no_harm', 'doNoHarm'],
    ['data-extraction', 'dataExtraction'],
    ['contcat', 'contact'],
    ['standard', 'standards'],
    ['categores', 'categories'],
  ])('%s -> %s', (word, expected) => {
    expect(closestName(word, MANIFEST_KEYS)).toBe(expected);
  });

  it('suggests nothing for a word like no candidate, or for the candidate itself', () => {
    expect(closestName('frobnicate', MANIFEST_KEYS)).toBeUndefined();
    expect(closestName('x', MANIFEST_KEYS)).toBeUndefined();
    expect(closestName('', MANIFEST_KEYS)).toBeUndefined();
    expect(closestName('name', ['name'])).toBeUndefined();
  });

  it('a word cut short or run on is close (warning -> warn), two swapped letters are one slip (emial -> email)', () => {
    expect(closestName('warning', ['fail', 'warn'])).toBe('warn');
    expect(closestName('emial', ['name', 'title', 'email'])).toBe('email');
  });

  it('equally close candidates are all offered, those sharing the beginning first', () => {
    expect(closestNames('9', ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'])).toEqual(['9a', '9b', '9c']);
  });

  it('mistyped commands still find theirs (chek, lisences)', () => {
    const commands = ['check', 'audit', 'licenses', 'init', 'convert', 'explain', 'merge'];
    expect(closestName('chek', commands)).toBe('check');
    expect(closestName('lisences', commands)).toBe('licenses');
    expect(closestName('auidt', commands)).toBe('audit');
  });

  it('is quick on a key of a million characters', () => {
    const started = performance.now();
    expect(closestName('s'.repeat(1_000_000), MANIFEST_KEYS)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('closeCodes', () => {
  const codes = ['license/not-approved', 'license/approved', 'ownership/copyright-placeholder', 'sdg/none-declared', 'sdg/declared'];

  it('finds the code under another area, misspelt, plural or without its area', () => {
    expect(closeCodes('manifest/not-approved', codes, 1)).toEqual(['license/not-approved']);
    expect(closeCodes('licence/not-aproved', codes, 1)).toEqual(['license/not-approved']);
    expect(closeCodes('ownership/copyright-placeholders', codes, 1)).toEqual(['ownership/copyright-placeholder']);
    expect(closeCodes('copyright-placeholder', codes, 1)).toEqual(['ownership/copyright-placeholder']);
    expect(closeCodes('ownership/no-such-thing', codes)).toEqual([]);
  });
});
