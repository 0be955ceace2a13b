import { describe, expect, it } from 'vitest';
import { maskImap, maskPop3, maskSmtp } from './mask.ts';

describe('masking client lines', () => {
  it('IMAP: LOGIN keeps the user, AUTHENTICATE the mechanism', () => {
    expect(maskImap('a1 LOGIN alice s3cret')).toBe('a1 LOGIN alice ***');
    expect(maskImap('a1 login "al ice" "p w"')).toBe('a1 login "al ice" ***');
    expect(maskImap('a1 LOGIN {5 bytes} {6 bytes}')).toBe('a1 LOGIN {5 bytes} ***');
    expect(maskImap('a2 AUTHENTICATE PLAIN AGFsaWNlAHMzY3JldA==')).toBe('a2 AUTHENTICATE PLAIN ***');
    expect(maskImap('a2 AUTHENTICATE PLAIN')).toBe('a2 AUTHENTICATE PLAIN');
    expect(maskImap('a3 SELECT INBOX')).toBe('a3 SELECT INBOX');
  });

  it('POP3: PASS, APOP and AUTH arguments', () => {
    expect(maskPop3('PASS s3cret')).toBe('PASS ***');
    expect(maskPop3('pass with spaces')).toBe('pass ***');
    expect(maskPop3('APOP alice c4c9334bac560ecc979e58001b3e22fb')).toBe('APOP alice ***');
    expect(maskPop3('AUTH PLAIN AGFsaWNlAHMzY3JldA==')).toBe('AUTH PLAIN ***');
    expect(maskPop3('AUTH PLAIN')).toBe('AUTH PLAIN');
    expect(maskPop3('USER alice')).toBe('USER alice');
  });

  it("SMTP: smtp-server's marker and AUTH arguments", () => {
    expect(maskSmtp('/* secured */')).toBe('***');
    expect(maskSmtp('AUTH PLAIN /* secured */')).toBe('AUTH PLAIN ***');
    expect(maskSmtp('AUTH LOGIN YWxpY2U=')).toBe('AUTH LOGIN ***');
    expect(maskSmtp('MAIL FROM:<a@example.test>')).toBe('MAIL FROM:<a@example.test>');
  });
});
