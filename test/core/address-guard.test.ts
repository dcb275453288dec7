// The address guard: which resolved addresses a harvester may reach.
import { describe, expect, it } from 'vitest';
import { refusalReason } from '../../src/core/address-guard.js';

describe('refusalReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['192.168.1.10', /private/],
    ['100.64.0.1', /carrierGradeNat/],
    ['169.254.169.254', /cloud metadata/],
    ['169.254.1.1', /linkLocal/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /linkLocal/],
    ['fc00::1', /uniqueLocal/],
    ['fd00:ec2::254', /cloud metadata/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:169.254.169.254', /cloud metadata/],
    ['64:ff9b::7f00:1', /rfc6052/],
    ['2002:7f00:1::', /6to4/],
  ])('refuses %s', (address, reason) => {
    expect(refusalReason(address)).toMatch(reason);
  });

  it.each(['8.8.8.8', '193.0.6.139', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows public unicast %s', (address) => {
    expect(refusalReason(address)).toBeUndefined();
  });
});
