import { describe, expect, it } from 'vitest';
import { APK_ISSUE_CODES, apkIssue } from '../../src/artifacts/apk/issues.js';
import { V1_ISSUE_CODES } from '../../src/artifacts/apk/v1/issues.js';
import { ESP_ISSUE_CODES, espIssue } from '../../src/artifacts/esp/issues.js';
import { issueCatalogue } from '../../src/artifacts/issue-catalogue.js';

describe('issueCatalogue', () => {
  const cat = issueCatalogue({
    T_TEMPLATE: 'segment {index} at {offset}',
    T_FUNCTION: (p) => `entry ${String(p.name)}`,
    T_PLAIN: 'nothing to fill',
  });

  it('lists its codes in catalogue order', () => {
    expect(cat.codes).toEqual(['T_TEMPLATE', 'T_FUNCTION', 'T_PLAIN']);
  });

  it('fills a template from the params, a missing one as "?", and keeps the params', () => {
    expect(cat.issue('T_TEMPLATE', { index: 2, offset: '0x20' })).toEqual({
      code: 'T_TEMPLATE',
      message: 'segment 2 at 0x20',
      params: { index: 2, offset: '0x20' },
    });
    expect(cat.issue('T_TEMPLATE', { index: 2 }).message).toBe('segment 2 at ?');
  });

  it('calls a message function with the params', () => {
    expect(cat.issue('T_FUNCTION', { name: 'classes.dex' }).message).toBe('entry classes.dex');
  });

  it('leaves params out when there are none', () => {
    expect(cat.issue('T_PLAIN')).toEqual({ code: 'T_PLAIN', message: 'nothing to fill' });
    expect(Object.keys(cat.issue('T_PLAIN', {}))).toEqual(['code', 'message']);
  });

  it('builds the APK, v1 and ESP catalogues, codes unchanged', () => {
    expect(APK_ISSUE_CODES).toContain('APK_NOT_ZIP');
    expect(V1_ISSUE_CODES).toContain('JAR_SIG_NO_MANIFEST');
    expect(apkIssue('APK_NOT_ZIP', { reason: 'no EOCD' })).toEqual({ code: 'APK_NOT_ZIP', message: 'not a ZIP archive: no EOCD', params: { reason: 'no EOCD' } });
    expect(espIssue('ESP_SB_BLOCK_CRC', { block: 0, stored: '0x1', computed: '0x2' }).message).toBe('Secure Boot v2 block 0: CRC-32 is 0x1 but the block gives 0x2');
    expect(ESP_ISSUE_CODES).toHaveLength(new Set(ESP_ISSUE_CODES).size);
  });
});
