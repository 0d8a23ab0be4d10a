// The dashboard's requests: one named operation per panel, each asking only the fields its
// panel draws. They are written out in full, not assembled, so a dashboard developer can copy
// one (the page shows each under its panel) and POST it to /graphql with the same variables.

/**
 * The choices of the filters: every document and every agency (either scopes the dashboard; one
 * with no tasks shows empty panels). An empty relationship filter (`tasks: { some: {} }`)
 * matches every node in @neo4j/graphql, so it narrowed nothing and is not used.
 * Each is a connection read page by page (choices.ts) until `hasNextPage` is false, so the list
 * is complete and `totalCount` says how long it is. The sorts end on `id`, so that the order is
 * total and no node moves from one page to the next between requests.
 */
export const DOCUMENT_CHOICES = `query DashboardDocumentChoices($first: Int!, $after: String) {
  documentsConnection(sort: [{ issuedOn: ASC }, { id: ASC }], first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id titleVi titleEn } }
  }
}`;

export const AGENCY_CHOICES = `query DashboardAgencyChoices($first: Int!, $after: String) {
  agenciesConnection(sort: [{ id: ASC }], first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id nameVi nameEn abbreviation } }
  }
}`;

/**
 * Tasks by status × today's lead agency, as of a date, optionally under one document and
 * narrowed to the tasks one agency leads or coordinates (inherited work included); the three
 * task panels after this one take the same filters.
 */
export const STATUS_BY_AGENCY = `query DashboardStatusByAgency($asOf: Date, $documentId: ID, $agencyId: ID) {
  dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) {
    asOf
    byStatusAndAgency {
      agency { id nameVi nameEn abbreviation }
      status
      count
    }
  }
}`;

/** Tasks by the month of their deadline: how many, how many done, how many overdue. */
export const DEADLINES_BY_MONTH = `query DashboardDeadlinesByMonth($asOf: Date, $documentId: ID, $agencyId: ID) {
  dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) {
    asOf
    byDeadlineMonth { month total done overdue }
  }
}`;

/** Completion per document (or meeting) the tasks come from. */
export const COMPLETION_BY_DOCUMENT = `query DashboardCompletionByDocument($asOf: Date, $documentId: ID, $agencyId: ID) {
  dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) {
    asOf
    completionByDocument {
      group { id titleVi titleEn }
      total done overdue completionRate
    }
  }
}`;

/** Completion per strategic technology group (1131/QĐ-TTg) the tasks concern. */
export const COMPLETION_BY_TECHNOLOGY_GROUP = `query DashboardCompletionByTechnologyGroup($asOf: Date, $documentId: ID, $agencyId: ID) {
  dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) {
    asOf
    byTechnologyGroup {
      group { id titleVi titleEn }
      total done overdue completionRate
    }
  }
}`;

/**
 * The overdue tasks as of a date, by deadline. `deadlines` asks for a period: from 1900-01-01
 * (before any task of the graph) to the date itself, since an overdue task's deadline has passed.
 * Like the `dashboard` panels, it takes an agency: the tasks it leads or coordinates, inherited work included.
 */
export const OVERDUE = `query DashboardOverdue($asOf: Date!, $documentId: ID, $agencyId: ID) {
  deadlines(from: "1900-01-01", to: $asOf, status: OVERDUE, asOf: $asOf,
            documentId: $documentId, agencyId: $agencyId, limit: 2000) {
    total
    hasNextPage
    items {
      task { id titleVi titleEn deadline deadlineText }
      origin { id }
      owners { id nameVi nameEn abbreviation }
    }
  }
}`;

/**
 * Targets by horizon year, each counted for its monitoring agencies as of the date (merged
 * ministries count for their successors). Targets are not tasks: `targetsByHorizon` counts every
 * target whatever the document or agency, so this panel takes neither.
 */
export const TARGETS_BY_HORIZON = `query DashboardTargetsByHorizon($asOf: Date) {
  dashboard(asOf: $asOf) {
    asOf
    targetsByHorizon {
      year
      total
      byMonitoringAgency {
        agency { id nameVi nameEn abbreviation }
        count
      }
    }
  }
}`;
