/**
 * The domains a bundle asks: each domain's transfer module (its SQL for whole rows out and in)
 * and the vault's, which alone opens and seals secrets. Built once per core.
 */
import type { Db } from '../db/database'
import { CustomerTransferRepository } from '../customers/customer-transfer-repository'
import { DeliveryTransferRepository } from '../deliveries/delivery-transfer-repository'
import { IncidentTransferRepository } from '../incidents/incident-transfer-repository'
import { EvidenceTransferRepository } from '../evidence/evidence-transfer-repository'
import { AcceptanceTransferRepository } from '../acceptance/acceptance-transfer-repository'
import type { CredentialTransfer } from '../vault/credential-transfer'

export interface BundleDomains {
  customers: CustomerTransferRepository
  deliveries: DeliveryTransferRepository
  incidents: IncidentTransferRepository
  evidence: EvidenceTransferRepository
  acceptance: AcceptanceTransferRepository
  credentials: CredentialTransfer
}

export function bundleDomains(db: Db, credentials: CredentialTransfer): BundleDomains {
  return {
    customers: new CustomerTransferRepository(db),
    deliveries: new DeliveryTransferRepository(db),
    incidents: new IncidentTransferRepository(db),
    evidence: new EvidenceTransferRepository(db),
    acceptance: new AcceptanceTransferRepository(db),
    credentials
  }
}
