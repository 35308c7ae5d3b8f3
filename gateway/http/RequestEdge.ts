/** What the gateway learns of a request as it arrives, once, before anything else is done for it. */
export interface RequestEdge {
  /** The request's id: the client's sane `x-request-id`, else a new one; on its answer and its log lines. */
  requestId: string;
  /**
   * The client's address: the socket peer, or through trusted proxies the address they forwarded the request for
   * (`clientAddress.ts`). Rate limits and budgets count anonymous callers by it.
   */
  clientAddress: string;
}
