import { assertStorableDocument } from '@gatehouse/dashboard-domain';
import type { FairConcurrencyLimiter, Release } from '@gatehouse/shared-admission';
import {
  DocumentKind,
  DocumentLimits,
  TooManyRequestsError,
  UnavailableError,
} from '@gatehouse/shared-kernel';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { finalize, from, Observable, switchMap } from 'rxjs';

import type { AuthenticatedRequest, Principal } from './principal';
import { STORED_DOCUMENTS, StoredDocumentsSpec, UNDECLARED_DOCUMENTS } from './stored-documents';

/** A rate limit per org shared by every dashboard instance (Redis). */
export interface OrgWriteRate {
  take(orgId: string, cost: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** What bounds one tenant's writes, handed in by the app from its configuration. */
export interface WriteAdmission {
  rate: OrgWriteRate;
  /** The configured rate, said in refusals. */
  perSecond: number;
  burst: number;
  /** Writes running at once, per org and in total, with bounded queues. */
  concurrency: FairConcurrencyLimiter;
  documentLimits: Record<DocumentKind, DocumentLimits>;
}

export const WRITE_ADMISSION = Symbol('WRITE_ADMISSION');

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Admission control for every write, after authentication and before the handler: the org's write
 * rate (429 with Retry-After), the limits of the documents it would store (400 naming each field and
 * limit, before anything is read or written), then a write slot of the org (bounded per org and in
 * total; a full queue answers 429 for the org, 503 for the whole service). One tenant can therefore
 * neither store documents that cost the shared database out of proportion nor keep more than its share
 * of writes in flight, however many requests it sends.
 */
@Injectable()
export class WriteAdmissionInterceptor implements NestInterceptor {
  constructor(
    @Inject(WRITE_ADMISSION) private readonly admission: WriteAdmission,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!MUTATIONS.has(request.method)) return next.handle();
    const spec =
      this.reflector.get<StoredDocumentsSpec | undefined>(STORED_DOCUMENTS, context.getHandler()) ??
      UNDECLARED_DOCUMENTS;
    return from(this.admit(request.principal, spec, request.body)).pipe(
      switchMap((release) => next.handle().pipe(finalize(release))),
    );
  }

  private async admit(
    principal: Principal | undefined,
    spec: StoredDocumentsSpec,
    body: unknown,
  ): Promise<Release> {
    const documents = spec.documentsOf(body);
    // Public routes (login, creating an org) have no org to charge; their bodies are still bounded.
    if (principal) await this.takeRate(principal.orgId, documents.length);
    const limits = this.admission.documentLimits[spec.kind];
    for (const { path, document } of documents) assertStorableDocument(document, limits, path);
    if (!principal) return () => undefined;
    return this.admission.concurrency.acquire(principal.orgId);
  }

  /** An import of many documents costs one token each (up to a burst), as many single writes would. */
  private async takeRate(orgId: string, documents: number): Promise<void> {
    const { perSecond, burst } = this.admission;
    const decision = await this.admission.rate
      .take(orgId, Math.min(Math.max(1, documents), burst))
      .catch((error: unknown) => {
        throw new UnavailableError(
          `the write rate limit cannot be checked (${(error as Error).message}); retry shortly`,
          1,
        );
      });
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new TooManyRequestsError(
      `org ${orgId} is over its write rate (${Number(perSecond.toPrecision(3))} a second, bursts of ${burst}); retry in ${seconds} s`,
      seconds,
    );
  }
}
