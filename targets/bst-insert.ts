interface Node {
  key: number;
  left: Node | null;
  right: Node | null;
}

/**
 * Inserts every key into an unbalanced binary search tree (equal keys go right), then returns
 * the keys in order.
 */
export function bstInsert(keys: number[]): number[] {
  let root: Node | null = null;
  for (const key of keys) {
    const node: Node = { key, left: null, right: null };
    if (root === null) {
      root = node;
      continue;
    }
    let cur: Node = root;
    while (true) {
      if (key < cur.key) {
        if (cur.left === null) {
          cur.left = node;
          break;
        }
        cur = cur.left;
      } else {
        if (cur.right === null) {
          cur.right = node;
          break;
        }
        cur = cur.right;
      }
    }
  }
  const out: number[] = [];
  inorder(root, out);
  return out;
}

function inorder(node: Node | null, out: number[]): void {
  if (node === null) return;
  inorder(node.left, out);
  out.push(node.key);
  inorder(node.right, out);
}
