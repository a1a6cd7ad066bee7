declare module '@babel/plugin-transform-modules-commonjs';
