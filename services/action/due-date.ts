/** Returns why `dueDate` cannot be the due date of an action raised on `raisedOn`, or null. */
export function dueDateProblem(raisedOn: string, dueDate: string | null): string | null {
  return dueDate !== null && dueDate < raisedOn ? `${dueDate} is before the action was raised (${raisedOn})` : null;
}
