// Reads the offline-reader fixtures; the tests run with the repository root as working directory.
import { readFileSync } from 'node:fs'
import path from 'node:path'

export const FIXTURES = path.join(process.cwd(), '__tests__', 'fixtures', 'offline')

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8')
}

export const CTX = { accountId: '111122223333', region: 'us-east-1', partition: 'aws' }
export const CI_ROLE = 'arn:aws:iam::111122223333:role/ci-start-role'
export const ROOT = 'arn:aws:iam::111122223333:root'
