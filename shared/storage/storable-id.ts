/**
 * Which ids a store can hold. Cosmos DB refuses `/ \ # ?` in a resource id (the SDK answers with
 * an error, not "not found"), and holds at most 255 characters; control characters have no place
 * in an id either. The HTTP kit refuses such route parameters and the Cosmos adapter treats a
 * read of one as "not found", so a client's typo is a 404 on every store.
 */
const UNSTORABLE = /[/\\#?]/;
export const MAX_ID_LENGTH = 255;

const hasControlCharacter = (id: string): boolean => {
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

export const isStorableId = (id: string): boolean =>
  id.length > 0 && id.length <= MAX_ID_LENGTH && !UNSTORABLE.test(id) && !hasControlCharacter(id);
