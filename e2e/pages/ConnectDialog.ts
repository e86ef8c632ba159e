/** The "Connect to server…" dialog and the sidebar's Servers section. Locators live here, not in specs. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ServersPanel {
  readonly section: Locator;
  readonly connectButton: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Servers' });
    this.connectButton = this.section.getByRole('button', { name: 'Connect to server…' });
  }

  profile(name: string): Locator {
    return this.section
      .locator('li.server')
      .filter({ has: this.page.locator('.server-name', { hasText: name }) });
  }

  async openDialog(): Promise<ConnectDialog> {
    await this.connectButton.click();
    const dialog = new ConnectDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }
}

export class ConnectDialog {
  readonly root: Locator;
  readonly url: Locator;
  readonly name: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly token: Locator;
  readonly caCert: Locator;
  readonly insecure: Locator;
  readonly insecureWarning: Locator;
  readonly testButton: Locator;
  readonly testResult: Locator;
  readonly saveButton: Locator;
  readonly connectButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('dialog.connect-dialog');
    this.url = this.root.getByLabel('Server URL');
    this.name = this.root.getByLabel('Name', { exact: true });
    this.username = this.root.getByLabel('Username', { exact: true });
    this.password = this.root.getByLabel('Password', { exact: true });
    this.token = this.root.getByLabel('Token', { exact: true });
    this.caCert = this.root.getByLabel('CA certificate');
    this.insecure = this.root.getByRole('switch', { name: 'Skip TLS verification (insecure)' });
    this.insecureWarning = this.root.getByTestId('insecure-warning');
    this.testButton = this.root.getByRole('button', { name: 'Test connection' });
    this.testResult = this.root.getByTestId('test-result');
    this.saveButton = this.root.getByRole('button', { name: 'Save', exact: true });
    this.connectButton = this.root.getByRole('button', { name: 'Connect', exact: true });
    this.error = this.root.locator('.form-error');
  }

  auth(label: 'None' | 'Username & password' | 'Bearer token'): Locator {
    return this.root.getByRole('radio', { name: label });
  }

  /** Clicks Test connection and waits for its answer. */
  async test(): Promise<void> {
    await this.testButton.click();
    await expect(this.testResult).toBeVisible();
  }
}
