/** The program the editor opens with: a list that contains itself, the classic reference cycle. */
export const WELCOME_SNIPPET = 'l = []\nl.append(l)\nimport sys\nprint(sys.getrefcount(l))';
