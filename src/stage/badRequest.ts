/**
 * The shape every `BadRequestException` of the stage's errors shares, for the lifecycle's and
 * the applier's error modules.
 *
 * @internal
 */

/** Every error here is a `BadRequestException`: its tag, that name, its own fields, then its message. */
export const badRequest = <Tag extends string, Fields extends object, Message extends string>(
  _tag: Tag,
  fields: Fields,
  message: Message
): { readonly _tag: Tag; readonly name: 'BadRequestException'; readonly message: Message } & Fields => ({
  _tag,
  name: 'BadRequestException',
  ...fields,
  message
})
