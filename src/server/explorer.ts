// What the explorer shows on first load: the mission's core question.
export const EXAMPLE_QUERY = `# Who owns the work of Resolution 57-NQ/TW, by when, and what blocks it?
query TraceResolution57 {
  trace(id: "57-NQ/TW", limit: 50) {
    root { id titleEn }
    totalTasks
    tasks {
      id
      titleEn
      deadline
      deadlineText
      status
      leadAgencies { assigned { nameVi } today { nameEn } }
      blockedBy { id status }
    }
  }
}
`;
