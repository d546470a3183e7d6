import { describe, expect, it } from 'vitest'
import {
  checkBankAccount,
  checkCompanyName,
  checkEmails,
  checkMobile,
  checkPhone
} from '../../../electron/core/validation/contact-fields'

describe('mobile numbers', () => {
  it.each(['13812345678', '+8613812345678', '8613812345678', '138 1234 5678', '138-1234-5678'])(
    'accepts %s',
    (m) => {
      expect(checkMobile(m, 'adminMobile').errors).toEqual([])
    }
  )
  it('stores the number without spaces', () => {
    expect(checkMobile('138 1234 5678', 'adminMobile').value).toBe('13812345678')
  })
  it.each(['12812345678', '1381234567', '138123456789', '23812345678', '+1 13812345678'])(
    'refuses %s',
    (m) => {
      expect(checkMobile(m, 'adminMobile').errors[0]?.code).toBe('MOBILE_FORMAT')
    }
  )
})

describe('phone numbers', () => {
  it.each([
    '0931-8866123',
    '010-12345678',
    '(0755)12345678',
    '（0755）12345678',
    '0755 1234 5678',
    '0755-12345678-801',
    '0755-12345678转801',
    '400-820-8820',
    '8008208820',
    '13912345678'
  ])('accepts %s', (p) => {
    expect(checkPhone(p, 'phone').errors).toEqual([])
  })
  it.each(['12345', '8866123', '0931-88', 'abc', '400-12-34'])('refuses %s', (p) => {
    expect(checkPhone(p, 'phone').errors[0]?.code).toBe('PHONE_FORMAT')
  })
})

describe('bank accounts', () => {
  it('strips spaces and hyphens and accepts 8 to 30 digits', () => {
    expect(checkBankAccount('2703 0012-0910 0123 456', 'bankAccount')).toMatchObject({
      value: '2703001209100123456',
      errors: []
    })
    expect(checkBankAccount('12345678', 'bankAccount').errors).toEqual([])
    expect(checkBankAccount('1'.repeat(30), 'bankAccount').errors).toEqual([])
  })
  it('refuses too short, too long or non-digit accounts', () => {
    for (const a of ['1234567', '1'.repeat(31), '62220212345678X']) {
      expect(checkBankAccount(a, 'bankAccount').errors[0]?.code).toBe('BANK_ACCOUNT_FORMAT')
    }
  })
})

describe('e-mail', () => {
  it('accepts several addresses separated by commas, full-width too', () => {
    const r = checkEmails('a@example.cn，b.c@mail.example.com; d+e@x.org', 'email')
    expect(r.errors).toEqual([])
    expect(r.value).toBe('a@example.cn, b.c@mail.example.com, d+e@x.org')
  })
  it('names the bad address', () => {
    expect(checkEmails('ok@example.cn, not-an-address', 'email').errors[0]).toMatchObject({
      code: 'EMAIL_FORMAT',
      params: { value: 'not-an-address' }
    })
  })
})

describe('company names', () => {
  it('warns about half-width brackets but accepts the name', () => {
    const r = checkCompanyName('华为技术(深圳)有限公司', 'name')
    expect(r.errors).toEqual([])
    expect(r.warnings[0]?.code).toBe('NAME_HALF_WIDTH_BRACKETS')
    expect(checkCompanyName('华为技术（深圳）有限公司', 'name').warnings).toEqual([])
  })
  it('requires a name', () => {
    expect(checkCompanyName('  ', 'name').errors[0]?.code).toBe('REQUIRED')
  })
})
