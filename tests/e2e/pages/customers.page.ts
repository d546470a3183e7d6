import type { Locator, Page } from 'playwright-core'

/** The customer list and form, as a user sees them. */
export class CustomersPage {
  constructor(readonly page: Page) {}

  async gotoList(): Promise<void> {
    await this.page.locator('.nav-item', { hasText: '客户' }).first().click()
    await this.page.locator('input[data-test="customer-search"]').waitFor()
  }

  async startNew(): Promise<void> {
    await this.page.locator('[data-test="new-customer"]').click()
    await this.page.locator('[data-test="customer-form-page"]').waitFor()
  }

  field(key: string): Locator {
    // Element Plus puts non-class attributes on the inner <input>/<textarea>.
    return this.page.locator(`input[data-test="field-${key}"], textarea[data-test="field-${key}"]`)
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      await this.field(key).fill(value)
      await this.field(key).blur()
    }
  }

  /** The error text Element Plus shows under a form item. */
  errorOf(key: string): Locator {
    return this.page
      .locator('.el-form-item', { has: this.page.locator(`[data-test="field-${key}"]`) })
      .locator('.el-form-item__error')
  }

  async save(): Promise<void> {
    await this.page.locator('[data-test="save-customer"]').click()
  }

  async search(query: string): Promise<void> {
    await this.page.locator('input[data-test="customer-search"]').fill(query)
  }

  rows(): Locator {
    return this.page.locator('[data-test="customer-table"] tbody tr')
  }
}
