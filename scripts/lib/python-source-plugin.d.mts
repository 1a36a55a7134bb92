export function pythonSourceAsText(): { name: string; load(id: string): string | null };
