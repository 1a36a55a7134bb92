/** The program the editor opens with on first start: a list that contains itself, the classic reference cycle. */
export const WELCOME_SNIPPET = `# The classic reference cycle:
# a list that contains itself.
# Run, then step: F10, Shift+F10.
import sys

l = []
l.append(l)
print(sys.getrefcount(l) - 1)  # 2
del l  # now only gc can free it
`;
