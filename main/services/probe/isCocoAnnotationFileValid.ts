// One implementation of SceneBox's rule, shared with the TypeScript client.
export { isCocoAnnotationFileValid } from '../../../client/annotations/isCocoAnnotationFileValid';
