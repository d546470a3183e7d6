import type { Locator, Page } from 'playwright-core'

/** The delivery page: the stage stepper, a stage's checklist and its status actions. */
export class DeliveryPage {
  constructor(readonly page: Page) {}

  step(stage: string): Locator {
    return this.page.locator(`[data-test="step-${stage}"]`)
  }

  item(key: string): Locator {
    return this.page.locator(`[data-test="item-${key}"]`)
  }

  /** Answers a yes/no item and waits until the saved answer is shown. */
  async yes(key: string, value = true): Promise<void> {
    const label = value ? '是' : '否'
    await this.item(key).locator('.el-radio-button', { hasText: label }).click()
    await this.item(key).locator('.el-radio-button.is-active', { hasText: label }).waitFor()
  }

  /** Answers 不适用 on a yes/no item that allows it. */
  async notApplicable(key: string): Promise<void> {
    await this.item(key).locator('.el-radio-button', { hasText: '不适用' }).click()
    await this.item(key).locator('.el-radio-button.is-active', { hasText: '不适用' }).waitFor()
  }

  async date(key: string, value: string): Promise<void> {
    const input = this.item(key).locator('input')
    await input.fill(value)
    await input.press('Enter')
    await this.page.keyboard.press('Escape')
    await this.page.waitForFunction(
      ([sel, v]) => {
        // runs in the page: the input shows the saved date
        const doc = (
          globalThis as unknown as {
            document: { querySelector(s: string): { value?: string } | null }
          }
        ).document
        return doc.querySelector(sel as string)?.value === v
      },
      [`[data-test="item-${key}"] input`, value]
    )
  }

  async text(key: string, value: string): Promise<void> {
    const input = this.item(key).locator('input')
    await input.fill(value)
    await input.press('Enter')
    await input.blur()
  }

  async choose(key: string, optionLabel: string): Promise<void> {
    await this.item(key).locator('.el-select').click()
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: optionLabel }).click()
    await this.item(key).locator('.el-select', { hasText: optionLabel }).waitFor()
  }

  async markDone(): Promise<void> {
    await this.page.locator('[data-test="mark-done"]').click()
  }

  async expectStatus(stage: string, statusText: string): Promise<void> {
    await this.step(stage).locator('.step-status', { hasText: statusText }).waitFor()
  }

  evidenceItem(name: string): Locator {
    return this.page.locator(`[data-test="evidence-item"][data-name="${name}"]`)
  }

  /** Adds the file the (stubbed) open dialog answers and waits until it is listed. */
  async addEvidence(name: string): Promise<void> {
    await this.page.locator('[data-test="evidence-add"]').click()
    await this.evidenceItem(name).waitFor()
  }
}
