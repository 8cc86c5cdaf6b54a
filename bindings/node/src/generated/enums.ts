import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition } from '@grpc/proto-loader';


type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  acd: {
    v1: {
      AgentState: EnumTypeDefinition
      CallState: EnumTypeDefinition
      EmptyRule: EnumTypeDefinition
      EventType: EnumTypeDefinition
      HangupBy: EnumTypeDefinition
      Priority: EnumTypeDefinition
      RouteField: EnumTypeDefinition
      Strategy: EnumTypeDefinition
      Trigger: EnumTypeDefinition
    }
  }
}

